// WriteAheadLog: the file `<database>.wal` next to the database file.
//
// Layout (little endian):
//   header, 32 bytes:
//     0   8  magic          "FLUXWAL\0"
//     8   4  version        1
//    12   4  reserved       0
//    16   8  checkpoint_id  the database header's checkpoint id this log continues
//    24   4  reserved       0
//    28   4  checksum       CRC32C of bytes [0, 28)
//   then records, back to back:
//     0   4  size           payload bytes
//     4   4  checksum       CRC32C of the type byte followed by the payload
//     8   1  type           1 CREATE, 2 UPDATE, 3 DROP, 4 APPEND, 5 DELETE, 6 COMMIT
//     9   -  payload        (record payloads: docs/FILE_FORMAT.md)
//
// A transaction is its records followed by one COMMIT record, appended (in pieces when large)
// and fsynced at commit; a failed append is cut off again (and if even that fails, before the next
// append). Replay applies every transaction whose
// COMMIT record is intact and stops at the first record that is incomplete or fails its checksum (a
// torn tail). A log whose checkpoint_id differs from the database header's is stale (the checkpoint
// that made it so finished its header switch but not the log truncation) and is ignored.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/data_chunk.h"
#include "common/status.h"
#include "storage/binary_stream.h"
#include "storage/file_handle.h"

namespace fluxdb {

enum class WalRecordType : uint8_t {
  kCreate = 1,
  kUpdate = 2,
  kDrop = 3,
  kAppend = 4,
  kDelete = 5,
  kCommit = 6,
  kRewrite = 7,
};

struct WalRecord {
  WalRecordType type;
  std::string_view payload;
};

class WriteAheadLog {
 public:
  static std::string PathFor(const std::string& database_path) { return database_path + ".wal"; }
  /// Opens the log (creating it unless read-only; a missing log is an empty one).
  static StatusOr<std::unique_ptr<WriteAheadLog>> Open(const std::string& path, bool read_only);
  /// The checkpoint id the log at `path` continues; nullopt when there is no log or its header
  /// is not intact.
  static StatusOr<std::optional<uint64_t>> ReadCheckpointId(const std::string& path);

  /// Calls `apply` with the records of every complete transaction (COMMIT record included), in
  /// order. Remembers where the last complete transaction ends.
  Status Replay(uint64_t checkpoint_id,
                const std::function<Status(const std::vector<WalRecord>&)>& apply);
  /// Writable logs after replay: cuts a torn tail, or starts a fresh log for `checkpoint_id`.
  Status Prepare(uint64_t checkpoint_id);
  /// Appends the records of one transaction.
  Status Append(std::string_view records, bool sync);
  /// Cuts the log back to `size` bytes (a transaction whose records could not all be written).
  Status TruncateTo(uint64_t size);
  /// Empties the log after a checkpoint.
  Status Reset(uint64_t checkpoint_id);
  uint64_t size() const { return size_; }
  /// Bytes of complete transactions replayed.
  uint64_t replayed_transactions() const { return replayed_transactions_; }

  /// Appends one framed record to `out`.
  static void AddRecord(std::string* out, WalRecordType type, std::string_view payload);

 private:
  WriteAheadLog(std::unique_ptr<FileHandle> file, bool read_only)
      : file_(std::move(file)), read_only_(read_only) {}

  /// Redoes a clean-up that failed; Append calls it first.
  Status Repair();

  std::unique_ptr<FileHandle> file_;  // null: read-only and no log exists
  bool read_only_;
  // A clean-up that failed, owed before anything more may be appended: bytes of a failed
  // transaction may lie past size_ (kCut), or the header may be torn or still name the checkpoint
  // before the last one (kReset). Appending regardless would let replay take the failed
  // transaction's records for part of the next one, or skip the next commits altogether.
  enum class Owed { kNothing, kCut, kReset } owed_ = Owed::kNothing;
  uint64_t owed_checkpoint_id_ = 0;
  uint64_t size_ = 0;
  uint64_t valid_end_ = 0;  // end of the last complete transaction (0: no valid header)
  uint64_t replayed_transactions_ = 0;
};

/// The APPEND payload's rows: `chunk` (flat or not) as documented in docs/FILE_FORMAT.md.
void WriteRows(BinaryWriter& w, const DataChunk& chunk);
Status ReadRows(BinaryReader& r, const std::vector<LogicalType>& types, DataChunk* chunk);

}  // namespace fluxdb
