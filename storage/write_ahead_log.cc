#include "storage/write_ahead_log.h"

#include <cstring>

#include "storage/byte_order.h"
#include "storage/crc32c.h"

namespace fluxdb {

namespace {

constexpr char kWalMagic[8] = {'F', 'L', 'U', 'X', 'W', 'A', 'L', '\0'};
constexpr uint32_t kWalVersion = 1;
constexpr uint64_t kWalHeaderSize = 32;
constexpr uint64_t kRecordHeaderSize = 9;

std::string MakeHeader(uint64_t checkpoint_id) {
  std::string h(kWalHeaderSize, '\0');
  std::memcpy(h.data(), kWalMagic, 8);
  StoreLE<uint32_t>(h.data() + 8, kWalVersion);
  StoreLE<uint64_t>(h.data() + 16, checkpoint_id);
  StoreLE<uint32_t>(h.data() + 28, Crc32c(h.data(), 28));
  return h;
}

}  // namespace

StatusOr<std::unique_ptr<WriteAheadLog>> WriteAheadLog::Open(const std::string& path,
                                                             bool read_only) {
  if (read_only && !FileExists(path)) {
    return std::unique_ptr<WriteAheadLog>(new WriteAheadLog(nullptr, true));
  }
  FLUX_ASSIGN_OR_RETURN(auto file,
                        FileHandle::Open(path, read_only ? FileHandle::Mode::kReadOnly
                                                         : FileHandle::Mode::kReadWriteCreate));
  auto wal = std::unique_ptr<WriteAheadLog>(new WriteAheadLog(std::move(file), read_only));
  FLUX_ASSIGN_OR_RETURN(wal->size_, wal->file_->Size());
  return wal;
}

StatusOr<std::optional<uint64_t>> WriteAheadLog::ReadCheckpointId(const std::string& path) {
  if (!FileExists(path)) return std::optional<uint64_t>();
  FLUX_ASSIGN_OR_RETURN(auto file, FileHandle::Open(path, FileHandle::Mode::kReadOnly));
  char h[kWalHeaderSize];
  FLUX_ASSIGN_OR_RETURN(size_t n, file->ReadUpTo(0, h, sizeof(h)));
  if (n < sizeof(h) || std::memcmp(h, kWalMagic, 8) != 0 ||
      LoadLE<uint32_t>(h + 28) != Crc32c(h, 28)) {
    return std::optional<uint64_t>();
  }
  return std::optional<uint64_t>(LoadLE<uint64_t>(h + 16));
}

void WriteAheadLog::AddRecord(std::string* out, WalRecordType type, std::string_view payload) {
  char header[kRecordHeaderSize];
  auto t = static_cast<uint8_t>(type);
  StoreLE<uint32_t>(header, static_cast<uint32_t>(payload.size()));
  StoreLE<uint32_t>(header + 4, Crc32cExtend(Crc32c(&t, 1), payload.data(), payload.size()));
  header[8] = static_cast<char>(t);
  out->append(header, kRecordHeaderSize);
  out->append(payload.data(), payload.size());
}

Status WriteAheadLog::Replay(uint64_t checkpoint_id,
                             const std::function<Status(const std::vector<WalRecord>&)>& apply) {
  valid_end_ = 0;
  replayed_transactions_ = 0;
  if (file_ == nullptr || size_ < kWalHeaderSize) return absl::OkStatus();
  std::string data(size_, '\0');
  FLUX_RETURN_IF_ERROR(file_->ReadAt(0, data.data(), size_));
  const char* h = data.data();
  if (std::memcmp(h, kWalMagic, 8) != 0 || LoadLE<uint32_t>(h + 28) != Crc32c(h, 28)) {
    return absl::OkStatus();  // a torn header write of Reset: nothing to replay
  }
  if (LoadLE<uint32_t>(h + 8) != kWalVersion) {
    return CorruptionError("write-ahead log ", file_->path(), " has version ",
                           LoadLE<uint32_t>(h + 8), ", this build reads version ", kWalVersion);
  }
  if (LoadLE<uint64_t>(h + 16) != checkpoint_id) return absl::OkStatus();  // stale
  valid_end_ = kWalHeaderSize;
  std::vector<WalRecord> pending;
  uint64_t pos = kWalHeaderSize;
  while (size_ - pos >= kRecordHeaderSize) {
    const char* r = data.data() + pos;
    uint32_t size = LoadLE<uint32_t>(r);
    if (size > size_ - pos - kRecordHeaderSize) break;  // torn
    auto type = static_cast<uint8_t>(r[8]);
    uint32_t crc = Crc32cExtend(Crc32c(&type, 1), r + kRecordHeaderSize, size);
    if (crc != LoadLE<uint32_t>(r + 4) || type < 1 || type > 7) break;  // torn or garbage
    pending.push_back({static_cast<WalRecordType>(type), std::string_view(r + 9, size)});
    pos += kRecordHeaderSize + size;
    if (static_cast<WalRecordType>(type) == WalRecordType::kCommit) {
      FLUX_RETURN_IF_ERROR(apply(pending));
      pending.clear();
      valid_end_ = pos;
      replayed_transactions_++;
    }
  }
  return absl::OkStatus();
}

Status WriteAheadLog::Prepare(uint64_t checkpoint_id) {
  if (read_only_) return absl::OkStatus();
  if (valid_end_ == 0) return Reset(checkpoint_id);
  if (valid_end_ != size_) {
    FLUX_RETURN_IF_ERROR(file_->Truncate(valid_end_));
    FLUX_RETURN_IF_ERROR(file_->Sync());
    size_ = valid_end_;
  }
  return absl::OkStatus();
}

Status WriteAheadLog::Repair() {
  switch (owed_) {
    case Owed::kNothing:
      return absl::OkStatus();
    case Owed::kCut:
      FLUX_RETURN_IF_ERROR(file_->Truncate(size_));
      FLUX_RETURN_IF_ERROR(file_->Sync());
      owed_ = Owed::kNothing;
      return absl::OkStatus();
    case Owed::kReset:
      return Reset(owed_checkpoint_id_);
  }
  return absl::OkStatus();
}

Status WriteAheadLog::Append(std::string_view records, bool sync) {
  if (read_only_) return InternalError("append to the WAL of a read-only database");
  FLUX_RETURN_IF_ERROR(Repair());
  Status s = file_->WriteAt(size_, records.data(), records.size());
  if (s.ok() && sync) s = file_->Sync();
  if (!s.ok()) {
    // Whatever reached the file is not known durable: cut it so that it is never replayed.
    if (!file_->Truncate(size_).ok()) owed_ = Owed::kCut;
    return s;
  }
  size_ += records.size();
  return absl::OkStatus();
}

Status WriteAheadLog::TruncateTo(uint64_t size) {
  if (read_only_ || size >= size_) return absl::OkStatus();
  Status s = file_->Truncate(size);
  if (s.ok()) s = file_->Sync();
  // Whatever happened, the bytes past `size` belong to a failed transaction.
  size_ = size;
  if (!s.ok() && owed_ == Owed::kNothing) owed_ = Owed::kCut;
  return s;
}

Status WriteAheadLog::Reset(uint64_t checkpoint_id) {
  if (read_only_) return absl::OkStatus();
  std::string header = MakeHeader(checkpoint_id);
  Status s = file_->Truncate(0);
  if (s.ok()) s = file_->WriteAt(0, header.data(), header.size());
  if (s.ok()) s = file_->Sync();
  if (!s.ok()) {
    owed_ = Owed::kReset;
    owed_checkpoint_id_ = checkpoint_id;
    return s;
  }
  size_ = valid_end_ = header.size();
  owed_ = Owed::kNothing;
  return absl::OkStatus();
}

void WriteRows(BinaryWriter& w, const DataChunk& chunk) {
  idx_t n = chunk.size();
  w.WriteU32(static_cast<uint32_t>(n));
  w.WriteU32(static_cast<uint32_t>(chunk.ColumnCount()));
  for (idx_t c = 0; c < chunk.ColumnCount(); c++) {
    const Vector& vector = chunk.column(c);
    UnifiedVector u;
    vector.ToUnified(n, &u);
    bool nulls = false;
    for (idx_t i = 0; i < n && !nulls; i++) nulls = !u.IsValid(i);
    w.WriteU8(nulls ? 1 : 0);
    if (nulls) {
      std::vector<uint64_t> words((n + 63) / 64, 0);
      for (idx_t i = 0; i < n; i++) {
        if (u.IsValid(i)) words[i / 64] |= 1ULL << (i % 64);
      }
      for (uint64_t word : words) w.WriteU64(word);
    }
    DispatchPhysical(vector.type().physical(), [&]<typename T>() {
      const T* values = u.values<T>();
      if constexpr (std::is_same_v<T, StringRef>) {
        for (idx_t i = 0; i < n; i++) {
          w.WriteU32(u.IsValid(i) ? values[u.index(i)].size() : 0);
        }
        for (idx_t i = 0; i < n; i++) {
          if (u.IsValid(i)) w.WriteBytes(values[u.index(i)].data(), values[u.index(i)].size());
        }
      } else if constexpr (std::is_same_v<T, bool>) {
        for (idx_t i = 0; i < n; i++) w.WriteU8(u.IsValid(i) && values[u.index(i)] ? 1 : 0);
      } else {
        for (idx_t i = 0; i < n; i++) {
          T v = u.IsValid(i) ? values[u.index(i)] : T{};
          w.WriteBytes(&v, sizeof(T));
        }
      }
    });
  }
}

Status ReadRows(BinaryReader& r, const std::vector<LogicalType>& types, DataChunk* chunk) {
  uint32_t n = r.ReadU32();
  uint32_t columns = r.ReadU32();
  if (!r.ok() || columns != types.size() || n > kVectorSize) {
    return CorruptionError("malformed rows in a WAL APPEND record");
  }
  chunk->Initialize(types, kVectorSize);
  for (idx_t c = 0; c < columns; c++) {
    Vector& vector = chunk->column(c);
    uint8_t nulls = r.ReadU8();
    if (nulls > 1) r.Fail();
    if (nulls) {
      for (idx_t word = 0; word < (n + 63) / 64; word++) {
        uint64_t bits = r.ReadU64();
        for (idx_t b = 0; b < 64 && word * 64 + b < n; b++) {
          if (!((bits >> b) & 1)) vector.SetNull(word * 64 + b);
        }
      }
    }
    DispatchPhysical(types[c].physical(), [&]<typename T>() {
      T* values = vector.data<T>();
      if constexpr (std::is_same_v<T, StringRef>) {
        std::vector<uint32_t> lengths(n);
        for (idx_t i = 0; i < n; i++) lengths[i] = r.ReadU32();
        for (idx_t i = 0; i < n; i++) {
          const uint8_t* bytes = r.Take(lengths[i]);
          if (bytes == nullptr) return;
          values[i] =
              vector.AddString(std::string_view(reinterpret_cast<const char*>(bytes), lengths[i]));
        }
      } else if constexpr (std::is_same_v<T, bool>) {
        for (idx_t i = 0; i < n; i++) values[i] = r.ReadU8() != 0;
      } else {
        const uint8_t* bytes = r.Take(sizeof(T) * n);
        if (bytes != nullptr) std::memcpy(static_cast<void*>(values), bytes, sizeof(T) * n);
      }
    });
  }
  if (!r.ok()) return CorruptionError("malformed rows in a WAL APPEND record");
  chunk->SetCardinality(n);
  return absl::OkStatus();
}

}  // namespace fluxdb
