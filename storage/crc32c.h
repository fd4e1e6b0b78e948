// CRC32C (Castagnoli polynomial 0x1EDC6F41, reflected 0x82F63B78), the checksum of every page and
// every WAL record. Standard parameters: initial value 0xFFFFFFFF, final XOR 0xFFFFFFFF, so
// Crc32c("123456789") == 0xE3069283 (the same as Python's `crc32c` package or iSCSI's CRC).
// Computed with the SSE4.2 crc32 instruction.
#pragma once

#include <cstddef>
#include <cstdint>

namespace fluxdb {

/// CRC32C of `size` bytes.
uint32_t Crc32c(const void* data, size_t size);
/// Continues a running CRC32C: Crc32cExtend(Crc32c(a), b) == Crc32c(a ++ b).
uint32_t Crc32cExtend(uint32_t crc, const void* data, size_t size);

}  // namespace fluxdb
