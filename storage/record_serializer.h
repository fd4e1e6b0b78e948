// Binary encodings of everything stored in heaps and in the WAL: types, values, catalog records,
// chunk and row-group metadata. The byte layouts are specified in docs/FILE_FORMAT.md; every
// decoder checks bounds and values and reports a Corruption error instead of reading garbage.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "common/types.h"
#include "common/value.h"
#include "storage/binary_stream.h"
#include "storage/catalog_record.h"
#include "storage/chunk_metadata.h"

namespace fluxdb {

/// Tag byte that starts every chunk-metadata heap record.
enum class MetadataRecordTag : uint8_t { kChunk = 1, kRowGroup = 2 };

void WriteLogicalType(BinaryWriter& w, const LogicalType& type);
LogicalType ReadLogicalType(BinaryReader& r);  // marks `r` failed on an unknown type
void WriteValue(BinaryWriter& w, const Value& value);
Value ReadValue(BinaryReader& r);

std::string SerializeCatalogRecord(const CatalogRecord& record);
StatusOr<CatalogRecord> DeserializeCatalogRecord(std::string_view bytes);
void WriteCatalogRecord(BinaryWriter& w, const CatalogRecord& record);
bool ReadCatalogRecord(BinaryReader& r, CatalogRecord* record);

std::string SerializeChunkMetadata(const ChunkMetadata& chunk);
std::string SerializeRowGroupMetadata(const RowGroupMetadata& row_group);
/// The tag of a chunk-metadata heap record (error if empty or unknown).
StatusOr<MetadataRecordTag> PeekMetadataTag(std::string_view bytes);
StatusOr<ChunkMetadata> DeserializeChunkMetadata(std::string_view bytes);
StatusOr<RowGroupMetadata> DeserializeRowGroupMetadata(std::string_view bytes);

}  // namespace fluxdb
