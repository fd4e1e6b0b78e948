#!/usr/bin/env python3
"""An independent reader of FluxDB database files, written only from docs/FILE_FORMAT.md and
docs/ENCODINGS.md, with Python's standard library.

It exists to keep the documents honest: the format test (test/format/check_reader.py) reads a
fresh database with it and checks that it finds the same tables, chunks and values as the engine.
Everything the documents require of a file is verified; a violation raises FormatError naming the
page or record.

    fluxdb_reader.py FILE                 summary: header, pages by kind, tables and chunks
    fluxdb_reader.py FILE --json          everything (pages, catalog, chunks, rows) as JSON
    fluxdb_reader.py FILE --rows TABLE    the rows of one table, one JSON array per line
"""

import json
import math
import os
import struct
import subprocess
import sys

# ---------------------------------------------------------------------------------------------
# 1. Conventions


class FormatError(Exception):
    """The file violates the format documents."""


def _crc32c_table():
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


_CRC_TABLE = _crc32c_table()


def _slicing_tables():
    # _SLICE[k][b]: the CRC state after byte b followed by k zero bytes ("slicing by 8").
    tables = [_CRC_TABLE]
    for _ in range(7):
        previous = tables[-1]
        tables.append([(previous[b] >> 8) ^ _CRC_TABLE[previous[b] & 0xFF] for b in range(256)])
    return tables


_SLICE = _slicing_tables()


def _apply(operator, state):
    out, bit = 0, 0
    while state:
        if state & 1:
            out ^= operator[bit]
        state >>= 1
        bit += 1
    return out


def _zero_operators():
    # The register after a zero byte is linear in the register before: column i is the effect
    # on a register holding only bit i. _ZEROS[k] advances over 2**k zero bytes.
    one = [_CRC_TABLE[(1 << i) & 0xFF] ^ ((1 << i) >> 8) for i in range(32)]
    operators = [one]
    for _ in range(31):
        previous = operators[-1]
        operators.append([_apply(previous, previous[i]) for i in range(32)])
    return operators


_ZEROS = _zero_operators()


def crc32c(data, crc=0):
    """Castagnoli CRC: reflected polynomial 0x82F63B78, initial and final XOR 0xFFFFFFFF."""
    data = bytes(data)
    # Pages end in long runs of zeros: those are applied in O(log n) instead of byte by byte.
    stripped = data.rstrip(b"\0")
    zeros = len(data) - len(stripped)
    data = stripped
    crc ^= 0xFFFFFFFF
    t0, t1, t2, t3, t4, t5, t6, t7 = _SLICE
    whole = len(data) - len(data) % 8
    for lo, hi in struct.iter_unpack("<II", memoryview(data)[:whole]):
        lo ^= crc
        crc = (t7[lo & 0xFF] ^ t6[(lo >> 8) & 0xFF] ^ t5[(lo >> 16) & 0xFF] ^ t4[lo >> 24] ^
               t3[hi & 0xFF] ^ t2[(hi >> 8) & 0xFF] ^ t1[(hi >> 16) & 0xFF] ^ t0[hi >> 24])
    for b in data[whole:]:
        crc = t0[(crc ^ b) & 0xFF] ^ (crc >> 8)
    k = 0
    while zeros:
        if zeros & 1:
            crc = _apply(_ZEROS[k], crc)
        zeros >>= 1
        k += 1
    return crc ^ 0xFFFFFFFF


assert crc32c(b"123456789") == 0xE3069283


class Reader:
    """Little-endian reads from a byte string; every read past the end is an error."""

    def __init__(self, data, what):
        self.data = data
        self.pos = 0
        self.what = what

    def take(self, n):
        if n < 0 or self.pos + n > len(self.data):
            raise FormatError(f"{self.what}: truncated (needs {n} bytes at offset {self.pos}, "
                              f"has {len(self.data) - self.pos})")
        out = self.data[self.pos:self.pos + n]
        self.pos += n
        return out

    def unpack(self, fmt):
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)))[0]

    def u8(self):
        return self.unpack("B")

    def u16(self):
        return self.unpack("H")

    def u32(self):
        return self.unpack("I")

    def u64(self):
        return self.unpack("Q")

    def string(self):
        return bytes(self.take(self.u32()))

    def remaining(self):
        return len(self.data) - self.pos

    def expect_end(self):
        if self.remaining() != 0:
            raise FormatError(f"{self.what}: {self.remaining()} trailing bytes")


# ---------------------------------------------------------------------------------------------
# 2.5 Types and values

TYPE_NAMES = {1: "NULL", 2: "BOOLEAN", 3: "TINYINT", 4: "SMALLINT", 5: "INTEGER", 6: "BIGINT",
              7: "HUGEINT", 8: "FLOAT", 9: "DOUBLE", 10: "DECIMAL", 11: "VARCHAR", 12: "BLOB",
              13: "DATE", 14: "TIME", 15: "TIMESTAMP", 16: "INTERVAL"}

# physical type: (name, width in bytes, struct format or None)
PHYSICAL = {"bool": (1, "B"), "int8": (1, "b"), "int16": (2, "h"), "int32": (4, "i"),
            "int64": (8, "q"), "int128": (16, None), "float": (4, "f"), "double": (8, "d"),
            "interval": (16, None), "string": (None, None)}


class Type:
    def __init__(self, type_id, width=0, scale=0):
        if type_id not in TYPE_NAMES:
            raise FormatError(f"unknown type id {type_id}")
        self.id = type_id
        self.width = width
        self.scale = scale
        if type_id == 10 and not (1 <= width <= 38 and scale <= width):
            raise FormatError(f"DECIMAL({width},{scale}) is out of range")

    @property
    def name(self):
        if self.id == 10:
            return f"DECIMAL({self.width},{self.scale})"
        return TYPE_NAMES[self.id]

    @property
    def physical(self):
        i = self.id
        if i == 2:
            return "bool"
        if i in (1, 3):
            return "int8"
        if i == 4:
            return "int16"
        if i in (5, 13):
            return "int32"
        if i in (6, 14, 15):
            return "int64"
        if i == 7:
            return "int128"
        if i == 8:
            return "float"
        if i == 9:
            return "double"
        if i == 10:
            w = self.width
            return "int16" if w <= 4 else "int32" if w <= 9 else "int64" if w <= 18 else "int128"
        if i in (11, 12):
            return "string"
        return "interval"

    def __repr__(self):
        return self.name


def read_type(r):
    type_id, width, scale = r.u8(), r.u8(), r.u8()
    return Type(type_id, width, scale)


def decode_fixed(physical, raw):
    """One value of a fixed-width physical type from its representation."""
    if physical == "int128":
        return int.from_bytes(raw, "little", signed=True)
    if physical == "interval":
        return struct.unpack("<iiq", raw)
    if physical == "bool":
        return raw[0] != 0
    return struct.unpack("<" + PHYSICAL[physical][1], raw)[0]


def read_value(r):
    """A value (2.5): (type, python value or None)."""
    t = read_type(r)
    is_null = r.u8()
    if is_null not in (0, 1):
        raise FormatError(f"{r.what}: is_null byte {is_null}")
    if is_null:
        return t, None
    if t.id == 1:
        raise FormatError(f"{r.what}: a non-NULL value of type NULL")
    p = t.physical
    if p == "string":
        return t, r.string()
    if p == "bool":
        b = r.u8()
        if b > 1:
            raise FormatError(f"{r.what}: boolean byte {b}")
        return t, b == 1
    return t, decode_fixed(p, r.take(PHYSICAL[p][0]))


# ---------------------------------------------------------------------------------------------
# ENCODINGS.md: the values of one column chunk

ENCODING_NAMES = {0: "PLAIN", 1: "CONSTANT", 2: "RLE", 3: "DICTIONARY", 4: "BITPACKING",
                  5: "ZSTD", 6: "DELTA"}


def zstd_decompress(frame, what):
    """The content of one Zstandard frame (RFC 8878), through the `zstd` program: Python 3.11's
    standard library has no Zstandard decoder, and writing one is not this reader's point."""
    try:
        done = subprocess.run(["zstd", "-d", "-c", "-q"], input=frame, capture_output=True)
    except FileNotFoundError:
        raise FormatError(f"{what}: a ZSTD chunk needs the zstd program (Debian package zstd)")
    if done.returncode != 0:
        raise FormatError(f"{what}: malformed Zstandard frame: {done.stderr.decode().strip()}")
    return done.stdout


def unpack_bits(data, offset, n, width, what):
    """n unsigned values of `width` bits packed LSB first from data[offset:] (1.3)."""
    size = (n * width + 7) // 8
    if offset + size > len(data):
        raise FormatError(f"{what}: bit-packed stream truncated")
    if width == 0:
        return [0] * n, offset
    stream = data[offset:offset + size]
    mask = (1 << width) - 1
    out = []
    group_bytes = 8 * width  # 64 values
    for g in range(0, n, 64):
        start = (g // 64) * group_bytes
        word = int.from_bytes(stream[start:start + group_bytes], "little")
        for i in range(min(64, n - g)):
            out.append((word >> (i * width)) & mask)
    return out, offset + size


def read_string_array(data, offset, k, what):
    """k strings (1.2): k end offsets, then the byte area."""
    if offset + 4 * k > len(data):
        raise FormatError(f"{what}: string offsets truncated")
    ends = struct.unpack_from(f"<{k}I", data, offset)
    offset += 4 * k
    previous = 0
    for e in ends:
        if e < previous:
            raise FormatError(f"{what}: string end offsets decrease")
        previous = e
    area = previous
    if offset + area > len(data):
        raise FormatError(f"{what}: string bytes truncated")
    out = []
    start = 0
    for e in ends:
        out.append(bytes(data[offset + start:offset + e]))
        start = e
    return out, offset + area


def read_fixed_array(data, offset, physical, k, what):
    width = PHYSICAL[physical][0]
    if offset + k * width > len(data):
        raise FormatError(f"{what}: values truncated")
    fmt = PHYSICAL[physical][1]
    if fmt is not None and physical != "bool":
        values = list(struct.unpack_from(f"<{k}{fmt}", data, offset))
    else:
        values = [decode_fixed(physical, data[offset + i * width:offset + (i + 1) * width])
                  for i in range(k)]
    return values, offset + k * width


def read_values(data, offset, physical, k, what):
    if physical == "string":
        return read_string_array(data, offset, k, what)
    return read_fixed_array(data, offset, physical, k, what)


def decode_chunk(type_, data, n, what):
    """The n values of an encoded chunk (id byte first); NULL rows get some value."""
    if len(data) < 1:
        raise FormatError(f"{what}: empty encoded values")
    encoding = data[0]
    p = type_.physical
    width = PHYSICAL[p][0]
    pos = 1
    if encoding == 0:  # PLAIN
        values, pos = read_values(data, pos, p, n, what)
    elif encoding == 1:  # CONSTANT
        if p == "string":
            if pos + 4 > len(data):
                raise FormatError(f"{what}: truncated constant")
            length = struct.unpack_from("<I", data, pos)[0]
            pos += 4
            if pos + length > len(data):
                raise FormatError(f"{what}: truncated constant")
            value = bytes(data[pos:pos + length])
            pos += length
        else:
            values, pos = read_fixed_array(data, pos, p, 1, what)
            value = values[0]
        values = [value] * n
    elif encoding == 2:  # RLE
        if pos + 4 > len(data):
            raise FormatError(f"{what}: truncated RLE header")
        runs = struct.unpack_from("<I", data, pos)[0]
        pos += 4
        if runs > n or (runs == 0 and n > 0):
            raise FormatError(f"{what}: {runs} runs for {n} rows")
        if pos + 2 * runs > len(data):
            raise FormatError(f"{what}: truncated run lengths")
        lengths = struct.unpack_from(f"<{runs}H", data, pos)
        pos += 2 * runs
        if any(length == 0 for length in lengths) or sum(lengths) != n:
            raise FormatError(f"{what}: run lengths {sum(lengths)} do not add up to {n} rows")
        run_values, pos = read_values(data, pos, p, runs, what)
        values = []
        for length, value in zip(lengths, run_values):
            values.extend([value] * length)
    elif encoding == 3:  # DICTIONARY
        if p == "bool":
            raise FormatError(f"{what}: DICTIONARY of booleans")
        if pos + 4 > len(data):
            raise FormatError(f"{what}: truncated dictionary header")
        entries = struct.unpack_from("<I", data, pos)[0]
        pos += 4
        if entries > n or entries > len(data):
            raise FormatError(f"{what}: {entries} dictionary entries for {n} rows")
        dictionary, pos = read_values(data, pos, p, entries, what)
        bits = 0 if entries <= 1 else (entries - 1).bit_length()
        codes, pos = unpack_bits(data, pos, n, bits, what)
        values = []
        for code in codes:
            if code >= entries:
                if entries == 0:
                    values.append(None)  # every row is NULL (checked by the caller)
                    continue
                raise FormatError(f"{what}: dictionary code {code} >= {entries} entries")
            values.append(dictionary[code])
    elif encoding == 4:  # BITPACKING
        if p not in ("bool", "int8", "int16", "int32", "int64", "int128"):
            raise FormatError(f"{what}: BITPACKING of {type_.name}")
        if pos + width + 1 > len(data):
            raise FormatError(f"{what}: truncated bit-packing header")
        minimum = int.from_bytes(data[pos:pos + width], "little", signed=p != "bool")
        pos += width
        bits = data[pos]
        pos += 1
        limit = {"bool": 1, "int8": 8, "int16": 16, "int32": 32}.get(p, 64)
        if bits > limit:
            raise FormatError(f"{what}: bit width {bits} for {p}")
        if p == "bool" and (minimum > 1 or minimum + (1 << bits) - 1 > 1):
            raise FormatError(f"{what}: boolean frame of reference {minimum} + {bits} bits")
        offsets, pos = unpack_bits(data, pos, n, bits, what)
        modulus = 1 << (8 * width)
        values = []
        for o in offsets:
            v = (minimum + o) % modulus
            if p == "bool":
                values.append(v == 1)
            else:
                values.append(v - modulus if v >= modulus // 2 else v)
    elif encoding == 5:  # ZSTD: PLAIN's string layout (1.2) in one Zstandard frame
        if p != "string":
            raise FormatError(f"{what}: ZSTD of {type_.name}")
        if pos + 4 > len(data):
            raise FormatError(f"{what}: truncated ZSTD header")
        plain_size = struct.unpack_from("<I", data, pos)[0]
        pos += 4
        plain = zstd_decompress(bytes(data[pos:]), what)
        pos = len(data)
        if len(plain) != plain_size:
            raise FormatError(f"{what}: ZSTD frame holds {len(plain)} bytes, header says "
                              f"{plain_size}")
        values, end = read_string_array(plain, 0, n, what)
        if end != len(plain):
            raise FormatError(f"{what}: ZSTD content has {len(plain) - end} trailing bytes")
    elif encoding == 6:  # DELTA: frame of reference on the steps, a start value per 2048 rows
        if p not in ("int16", "int32", "int64"):
            raise FormatError(f"{what}: DELTA of {type_.name}")
        if pos + width + 1 > len(data):
            raise FormatError(f"{what}: truncated DELTA header")
        min_delta = int.from_bytes(data[pos:pos + width], "little", signed=True)
        pos += width
        bits = data[pos]
        pos += 1
        if bits > 8 * width:
            raise FormatError(f"{what}: bit width {bits} for {p}")
        blocks, pos = read_fixed_array(data, pos, p, (n + 2047) // 2048, what)
        offsets, pos = unpack_bits(data, pos, n, bits, what)
        modulus = 1 << (8 * width)
        values = []
        value = 0
        for i, o in enumerate(offsets):
            if i % 2048 == 0:
                value = blocks[i // 2048] % modulus
            else:
                value = (value + min_delta + o) % modulus
            values.append(value - modulus if value >= modulus // 2 else value)
    else:
        raise FormatError(f"{what}: unknown column chunk encoding id {encoding}")
    if pos != len(data):
        raise FormatError(f"{what}: {ENCODING_NAMES[encoding]} payload has {len(data) - pos} "
                          f"trailing bytes")
    return ENCODING_NAMES[encoding], values


# ---------------------------------------------------------------------------------------------
# 2. The database file


class Page:
    """A page and its 48-byte header (2.1)."""

    def __init__(self, number, raw):
        self.number = number
        self.raw = raw
        (self.checksum, self.kind, self.flags, _, self.page_id, self.next_page, self.used_bytes,
         self.table_id, self.column_index, self.sequence, self.chunk_id) = \
            struct.unpack_from("<IBBHQQIIIIQ", raw, 0)

    def verify(self):
        if crc32c(self.raw[4:]) != self.checksum:
            raise FormatError(f"checksum mismatch on page {self.number} (kind {self.kind})")
        if self.page_id != self.number:
            raise FormatError(f"page {self.number} holds page {self.page_id} (misplaced write)")

    def u32(self, offset):
        return struct.unpack_from("<I", self.raw, offset)[0]

    def u64(self, offset):
        return struct.unpack_from("<Q", self.raw, offset)[0]


MAGIC = b"FLUXDB\0\0"
HEADER_FIELDS = ("format_version", "page_size", "page_count", "free_list_head", "free_page_count",
                 "catalog_heap_root", "chunk_heap_root", "checkpoint_id", "next_object_id",
                 "next_chunk_id", "feature_flags", "last_commit")
ROW_GROUP_SIZE = 122880
CATALOG_KINDS = {1: "schema", 2: "table", 3: "view", 4: "index"}


def parse_header_fields(raw):
    values = struct.unpack_from("<IIQQQQQQQQQQ", raw, 56)
    return dict(zip(HEADER_FIELDS, values))


class Database:
    """Everything in one database file, read and verified on construction."""

    def __init__(self, path):
        self.path = path
        with open(path, "rb") as f:
            self.data = f.read()
        self.pages = {}  # page number -> Page (verified)
        self.owner = {}  # page number -> kind name, as fluxdb_pages() calls it
        self._read_header()
        self._read_free_list()
        self.catalog = [self._parse_catalog_record(rec, where)
                        for rec, where in self._read_heap("catalog_heap", 3,
                                                          self.header["catalog_heap_root"])]
        self.catalog.sort(key=lambda r: r["object_id"])
        self.chunks = []
        self.row_groups = []
        for rec, where in self._read_heap("chunk_heap", 4, self.header["chunk_heap_root"]):
            r = Reader(rec, where)
            tag = r.u8()
            if tag == 1:
                self.chunks.append(self._parse_chunk_record(r))
            elif tag == 2:
                self.row_groups.append(self._parse_row_group_record(r))
            else:
                raise FormatError(f"{where}: unknown chunk-metadata record tag {tag}")
        self._read_tables()
        for p in range(self.header["page_count"]):
            if p not in self.owner:
                raise FormatError(f"page {p} is reachable from nothing")

    # ---- pages ----

    def page(self, number):
        if number in self.pages:
            return self.pages[number]
        if number >= self.header["page_count"]:
            raise FormatError(f"page {number} is past the end ({self.header['page_count']} pages)")
        size = self.page_size
        page = Page(number, self.data[number * size:(number + 1) * size])
        page.verify()
        self.pages[number] = page
        return page

    def claim(self, number, kind):
        if number in self.owner:
            raise FormatError(f"page {number} is reachable twice: as {self.owner[number]} and "
                              f"as {kind}")
        if number >= self.header["page_count"]:
            raise FormatError(f"{kind} page {number} is past the end")
        self.owner[number] = kind

    # ---- 2.2 header ----

    def _read_header(self):
        if len(self.data) < 4096 or self.data[48:56] != MAGIC:
            raise FormatError(f"not a FluxDB database file: {self.path}")
        first = parse_header_fields(self.data[:4096])
        if first["format_version"] != 1:
            raise FormatError(f"format version {first['format_version']}, this reader reads "
                              f"version 1")
        if first["feature_flags"] != 0:
            raise FormatError(f"unknown feature flags {first['feature_flags']}")
        size = first["page_size"]
        if size < 4096 or size > 1 << 20 or size & (size - 1):
            raise FormatError(f"invalid page size {size}")
        self.page_size = size
        slots = []
        for slot in (0, 1):
            raw = self.data[slot * size:(slot + 1) * size]
            if len(raw) < size:
                continue
            page = Page(slot, raw)
            try:
                page.verify()
            except FormatError:
                continue
            fields = parse_header_fields(raw)
            if (raw[48:56] != MAGIC or page.kind != 1 or fields["format_version"] != 1 or
                    fields["page_size"] != size):
                continue
            slots.append((fields["checkpoint_id"], slot, fields, page))
        if not slots:
            raise FormatError("neither header slot is valid")
        _, self.header_slot, self.header, page = max(slots)
        if self.header["checkpoint_id"] % 2 != self.header_slot:
            raise FormatError(f"checkpoint {self.header['checkpoint_id']} in slot "
                              f"{self.header_slot}")
        if len(self.data) < self.header["page_count"] * size:
            raise FormatError(f"file holds {len(self.data) // size} pages, header counts "
                              f"{self.header['page_count']}")
        for slot in (0, 1):
            self.claim(slot, "header")
            if slot == self.header_slot:
                self.pages[slot] = page

    # ---- 2.3 free list ----

    def _read_free_list(self):
        self.free_pages = set()
        trunk = self.header["free_list_head"]
        listed = 0
        while trunk != 0:
            page = self.page(trunk)
            if page.kind != 2:
                raise FormatError(f"free-list page {trunk} has kind {page.kind}")
            self.claim(trunk, "other")  # fluxdb_pages() shows trunks as "other"
            count = page.u32(48)
            if count > (self.page_size - 56) // 8 or page.used_bytes != 8 + 8 * count:
                raise FormatError(f"free-list trunk {trunk}: count {count}, used_bytes "
                                  f"{page.used_bytes}")
            ids = struct.unpack_from(f"<{count}Q", page.raw, 56)
            if list(ids) != sorted(ids):
                raise FormatError(f"free-list trunk {trunk} is not ascending")
            for p in ids:
                if p < 2:
                    raise FormatError(f"free-list trunk {trunk} lists header page {p}")
                self.free_pages.add(p)
            listed += count
            trunk = page.next_page
        if listed != self.header["free_page_count"]:
            raise FormatError(f"free list holds {listed} pages, header says "
                              f"{self.header['free_page_count']}")
        for p in self.free_pages:
            self.claim(p, "free")  # contents unspecified: not read

    # ---- 2.4 heaps ----

    def _read_heap(self, name, kind, root):
        """The heap's records as (bytes, description), large ones reassembled."""
        record_pages = []
        directory = root
        while directory != 0:
            page = self.page(directory)
            if page.kind != kind or page.flags != 1:
                raise FormatError(f"{name} directory page {directory}: kind {page.kind} flags "
                                  f"{page.flags}")
            self.claim(directory, name)
            count = page.u32(48)
            if count > (self.page_size - 56) // 8 or page.used_bytes != 8 + 8 * count:
                raise FormatError(f"{name} directory page {directory}: count {count}")
            record_pages.extend(struct.unpack_from(f"<{count}Q", page.raw, 56))
            directory = page.next_page
        slots = []  # per record page: list of (flags, bytes)
        for ordinal, number in enumerate(record_pages):
            page = self.page(number)
            if page.kind != kind or page.flags != 0:
                raise FormatError(f"{name} record page {number}: kind {page.kind} flags "
                                  f"{page.flags}")
            self.claim(number, name)
            slot_count, data_start = page.u32(48), page.u32(52)
            if 56 + 8 * slot_count > data_start or data_start > self.page_size:
                raise FormatError(f"{name} page {number}: {slot_count} slots, data at "
                                  f"{data_start}")
            entries, used, live = [], [], 0
            for s in range(slot_count):
                offset, size_flags = struct.unpack_from("<II", page.raw, 56 + 8 * s)
                if offset == 0:
                    entries.append(None)
                    continue
                size, flags = size_flags & 0xFFFFFF, size_flags >> 24
                if offset < data_start or offset + size > self.page_size or flags > 2:
                    raise FormatError(f"{name} page {number} slot {s}: [{offset}, +{size}) "
                                      f"flags {flags}")
                used.append((offset, offset + size, s))
                live += size
                entries.append((flags, page.raw[offset:offset + size]))
            used.sort()
            for a, b in zip(used, used[1:]):
                if a[1] > b[0]:
                    raise FormatError(f"{name} page {number}: slots {a[2]} and {b[2]} overlap")
            if page.used_bytes != 8 + 8 * slot_count + live:
                raise FormatError(f"{name} page {number}: used_bytes {page.used_bytes}, expected "
                                  f"{8 + 8 * slot_count + live}")
            slots.append(entries)
        records, referenced = [], set()
        for ordinal, entries in enumerate(slots):
            for s, entry in enumerate(entries):
                if entry is None or entry[0] == 2:
                    continue
                where = f"{name} record (page ordinal {ordinal}, slot {s})"
                flags, raw = entry
                if flags == 0:
                    records.append((raw, where))
                    continue
                r = Reader(raw, where)
                total, count = r.u32(), r.u32()
                parts = []
                for _ in range(count):
                    fo, fs = r.u32(), r.u32()
                    if fo >= len(slots) or fs >= len(slots[fo]) or slots[fo][fs] is None or \
                            slots[fo][fs][0] != 2:
                        raise FormatError(f"{where}: fragment ({fo}, {fs}) is not a fragment")
                    if (fo, fs) in referenced:
                        raise FormatError(f"{where}: fragment ({fo}, {fs}) referenced twice")
                    referenced.add((fo, fs))
                    parts.append(slots[fo][fs][1])
                r.expect_end()
                whole = b"".join(parts)
                if len(whole) != total:
                    raise FormatError(f"{where}: fragments hold {len(whole)} of {total} bytes")
                records.append((whole, where))
        for ordinal, entries in enumerate(slots):
            for s, entry in enumerate(entries):
                if entry is not None and entry[0] == 2 and (ordinal, s) not in referenced:
                    raise FormatError(f"{name}: fragment ({ordinal}, {s}) has no head")
        return records

    # ---- 2.6 catalog records ----

    def _parse_catalog_record(self, raw, where):
        r = Reader(raw, where)
        version = r.u8()
        if version != 1:
            raise FormatError(f"{where}: record version {version}")
        kind = r.u8()
        if kind not in CATALOG_KINDS:
            raise FormatError(f"{where}: object kind {kind}")
        rec = {"kind": CATALOG_KINDS[kind], "object_id": r.u32(),
               "schema": r.string().decode(), "name": r.string().decode(), "columns": []}
        for _ in range(r.u32()):
            name = r.string().decode()
            type_ = read_type(r)
            not_null = r.u8()
            if not_null > 1:
                raise FormatError(f"{where}: not_null byte {not_null}")
            rec["columns"].append({"name": name, "type": type_, "not_null": bool(not_null),
                                   "default": r.string().decode()})
        rec["primary_key"] = [r.u32() for _ in range(r.u32())]
        rec["unique_keys"] = [[r.u32() for _ in range(r.u32())] for _ in range(r.u32())]
        rec["checks"] = [r.string().decode() for _ in range(r.u32())]
        rec["sql"] = r.string().decode()
        rec["column_aliases"] = [r.string().decode() for _ in range(r.u32())]
        rec["table_name"] = r.string().decode()
        r.expect_end()
        return rec

    # ---- 2.7 chunk-metadata records ----

    def _parse_chunk_record(self, r):
        c = {"table_id": r.u32(), "column_index": r.u32(), "row_group_index": r.u64(),
             "row_start": r.u64(), "row_count": r.u64(), "chunk_id": r.u64(),
             "encoding": r.u8(), "validity_bytes": r.u64(), "encoded_bytes": r.u64(),
             "uncompressed_bytes": r.u64()}
        c["min_type"], c["min"] = read_value(r)
        c["max_type"], c["max"] = read_value(r)
        c["null_count"] = r.u64()
        c["distinct_estimate"] = r.u64()
        c["pages"] = []
        for _ in range(r.u32()):
            first, count = r.u64(), r.u64()
            c["pages"].extend(range(first, first + count))
        r.expect_end()
        where = f"chunk {c['chunk_id']}"
        if c["row_start"] != c["row_group_index"] * ROW_GROUP_SIZE:
            raise FormatError(f"{where}: row_start {c['row_start']}")
        words = (c["row_count"] + 63) // 64
        if c["validity_bytes"] not in (0, words * 8):
            raise FormatError(f"{where}: validity_bytes {c['validity_bytes']}")
        payload = self.page_size - 48
        total = c["validity_bytes"] + c["encoded_bytes"]
        if len(c["pages"]) != (total + payload - 1) // payload:
            raise FormatError(f"{where}: {total} bytes on {len(c['pages'])} pages")
        return c

    def _parse_row_group_record(self, r):
        g = {"table_id": r.u32(), "row_group_index": r.u64(), "row_count": r.u64()}
        flags = r.u8()
        if flags > 1:
            raise FormatError(f"row group record: flags {flags}")
        g["closed"] = bool(flags & 1)
        fmt = r.u8()
        deleted = []
        if fmt == 1:
            deleted = [r.u32() for _ in range(r.u32())]
            if any(a >= b for a, b in zip(deleted, deleted[1:])) or \
                    any(d >= g["row_count"] for d in deleted):
                raise FormatError("row group record: delete list not ascending or out of range")
        elif fmt == 2:
            words = r.u32()
            if words != (g["row_count"] + 63) // 64:
                raise FormatError("row group record: delete bitmap of the wrong size")
            for w in range(words):
                word = r.u64()
                for bit in range(64):
                    if word >> bit & 1:
                        if w * 64 + bit >= g["row_count"]:
                            raise FormatError("row group record: deleted row past the end")
                        deleted.append(w * 64 + bit)
        elif fmt != 0:
            raise FormatError(f"row group record: delete format {fmt}")
        r.expect_end()
        g["deleted"] = deleted
        return g

    # ---- 2.8 / 2.9 tables, data pages, column chunks ----

    def chunk_bytes(self, c):
        payload = self.page_size - 48
        total = c["validity_bytes"] + c["encoded_bytes"]
        parts = []
        for sequence, number in enumerate(c["pages"]):
            page = self.page(number)
            self.claim(number, "data")
            used = min(payload, total - sequence * payload)
            if (page.kind, page.table_id, page.column_index, page.sequence, page.chunk_id,
                    page.used_bytes) != (5, c["table_id"], c["column_index"], sequence,
                                         c["chunk_id"], used):
                raise FormatError(f"data page {number} does not belong to chunk "
                                  f"{c['chunk_id']} as page {sequence}")
            parts.append(page.raw[48:48 + used])
        return b"".join(parts)

    def decode_column_chunk(self, c, type_):
        where = f"chunk {c['chunk_id']} (table {c['table_id']}, column {c['column_index']})"
        data = self.chunk_bytes(c)
        n = c["row_count"]
        validity = None
        if c["validity_bytes"]:
            bitmap = data[:c["validity_bytes"]]
            validity = [(bitmap[r >> 3] >> (r & 7)) & 1 == 1 for r in range(n)]
            for r in range(n, len(bitmap) * 8):
                if (bitmap[r >> 3] >> (r & 7)) & 1:
                    raise FormatError(f"{where}: validity bit set past row_count")
        encoded = data[c["validity_bytes"]:]
        if len(encoded) != c["encoded_bytes"] or encoded[:1] != bytes([c["encoding"]]):
            raise FormatError(f"{where}: encoding byte {encoded[:1]!r} vs {c['encoding']}")
        name, values = decode_chunk(type_, encoded, n, where)
        if validity is not None:
            values = [v if ok else None for v, ok in zip(values, validity)]
        elif any(v is None for v in values):
            raise FormatError(f"{where}: an all-NULL dictionary without a validity bitmap")
        c["encoding_name"] = name
        return values

    def _read_tables(self):
        self.tables = []
        by_id = {rec["object_id"]: rec for rec in self.catalog}
        for g in self.row_groups:
            if g["table_id"] not in by_id or by_id[g["table_id"]]["kind"] != "table":
                raise FormatError(f"row group of unknown table {g['table_id']}")
        for c in self.chunks:
            if c["table_id"] not in by_id or by_id[c["table_id"]]["kind"] != "table":
                raise FormatError(f"chunk {c['chunk_id']} of unknown table {c['table_id']}")
        seen_chunk_ids = set()
        for rec in self.catalog:
            if rec["kind"] != "table":
                continue
            tid = rec["object_id"]
            groups = sorted((g for g in self.row_groups if g["table_id"] == tid),
                            key=lambda g: g["row_group_index"])
            if [g["row_group_index"] for g in groups] != list(range(len(groups))):
                raise FormatError(f"table {rec['name']}: row group indexes are not dense")
            chunks = [c for c in self.chunks if c["table_id"] == tid]
            columns = [[] for _ in rec["columns"]]
            table_chunks = []
            for gi, g in enumerate(groups):
                mine = {c["column_index"]: c for c in chunks if c["row_group_index"] == gi}
                if g["row_count"] == 0:
                    if mine:
                        raise FormatError(f"table {rec['name']}: chunks in empty row group {gi}")
                    continue
                if sorted(mine) != list(range(len(rec["columns"]))) or \
                        len(mine) != len([c for c in chunks if c["row_group_index"] == gi]):
                    raise FormatError(f"table {rec['name']}: row group {gi} has chunks for "
                                      f"columns {sorted(mine)}")
                if g["row_count"] > ROW_GROUP_SIZE or (gi + 1 < len(groups) and
                                                       g["row_count"] != ROW_GROUP_SIZE and
                                                       not g["closed"]):
                    raise FormatError(f"table {rec['name']}: row group {gi} has "
                                      f"{g['row_count']} rows")
                deleted = set(g["deleted"])
                for ci, column in enumerate(rec["columns"]):
                    c = mine[ci]
                    if c["chunk_id"] in seen_chunk_ids:
                        raise FormatError(f"chunk id {c['chunk_id']} is used twice")
                    seen_chunk_ids.add(c["chunk_id"])
                    if c["row_count"] != g["row_count"]:
                        raise FormatError(f"chunk {c['chunk_id']}: {c['row_count']} rows in a "
                                          f"row group of {g['row_count']}")
                    values = self.decode_column_chunk(c, column["type"])
                    c["problems"] = check_statistics(c, column["type"], values)
                    c["values"] = values
                    table_chunks.append(c)
                    columns[ci].extend(v for r, v in enumerate(values) if r not in deleted)
            rows = list(zip(*columns)) if columns else []
            self.tables.append({"record": rec, "row_groups": groups, "chunks": table_chunks,
                                "rows": rows})


# ---------------------------------------------------------------------------------------------
# 3. The write-ahead log

WAL_MAGIC = b"FLUXWAL\0"
WAL_TYPES = {1: "CREATE", 2: "UPDATE", 3: "DROP", 4: "APPEND", 5: "DELETE", 6: "COMMIT"}


def read_wal(path, checkpoint_id):
    """The committed transactions of the log at `path` (3.3), each a list of (type, payload);
    [] when the log is missing, empty or stale."""
    if not os.path.exists(path):
        return []
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 32 or data[:8] != WAL_MAGIC or \
            struct.unpack_from("<I", data, 28)[0] != crc32c(data[:28]):
        return []
    version, _, wal_checkpoint = struct.unpack_from("<IIQ", data, 8)
    if version != 1:
        raise FormatError(f"WAL version {version}, this reader reads version 1")
    if wal_checkpoint != checkpoint_id:
        return []  # stale: a checkpoint switched headers but did not empty the log
    transactions, current, pos = [], [], 32
    while pos + 9 <= len(data):
        size, checksum = struct.unpack_from("<II", data, pos)
        kind = data[pos + 8]
        end = pos + 9 + size
        if end > len(data) or crc32c(data[pos + 8:end]) != checksum or kind not in WAL_TYPES:
            break  # a torn tail
        current.append((WAL_TYPES[kind], data[pos + 9:end]))
        if kind == 6:
            transactions.append(current)
            current = []
        pos = end
    return transactions


def read_wal_rows(r, types):
    """An APPEND batch (3.2): rows as lists of values."""
    n = r.u32()
    if n > 2048:
        raise FormatError(f"{r.what}: {n} rows in one APPEND")
    if r.u32() != len(types):
        raise FormatError(f"{r.what}: column count differs from the table's")
    columns = []
    for type_ in types:
        has_nulls = r.u8()
        if has_nulls > 1:
            raise FormatError(f"{r.what}: has_nulls {has_nulls}")
        valid = [True] * n
        if has_nulls:
            bitmap = r.take(8 * ((n + 63) // 64))
            valid = [(bitmap[i >> 3] >> (i & 7)) & 1 == 1 for i in range(n)]
        p = type_.physical
        if p == "string":
            lengths = [r.u32() for _ in range(n)]
            values = [bytes(r.take(length)) for length in lengths]
        else:
            values = read_fixed_array(r.take(n * PHYSICAL[p][0]), 0, p, n, r.what)[0]
        columns.append([v if ok else None for v, ok in zip(values, valid)])
    return [list(row) for row in zip(*columns)] if types else [[] for _ in range(n)]


class WalTable:
    """A table as replay sees it: row groups of rows, with deleted flags (2.8, 3.2)."""

    def __init__(self, record, groups=None):
        self.record = record
        self.groups = groups or []  # each: {"rows": [...], "deleted": set(), "closed": bool}
        self.changed = groups is None  # by the log

    def append(self, rows):
        self.changed = True
        for row in rows:
            last = self.groups[-1] if self.groups else None
            if last is None or last["closed"] or len(last["rows"]) >= ROW_GROUP_SIZE:
                last = {"rows": [], "deleted": set(), "closed": False}
                self.groups.append(last)
            last["rows"].append(row)

    def delete(self, row_id, where):
        self.changed = True
        g, offset = divmod(row_id, ROW_GROUP_SIZE)
        if g >= len(self.groups) or offset >= len(self.groups[g]["rows"]) or \
                offset in self.groups[g]["deleted"]:
            raise FormatError(f"{where}: DELETE of row {row_id}, which does not exist")
        self.groups[g]["deleted"].add(offset)

    def visible_rows(self):
        return [row for g in self.groups for i, row in enumerate(g["rows"])
                if i not in g["deleted"]]


def apply_wal(db, path=None):
    """The tables after replaying the log next to the database: {object_id: WalTable}, and the
    catalog records {object_id: record}."""
    records = {rec["object_id"]: rec for rec in db.catalog}
    tables = {}
    for t in db.tables:
        rec = t["record"]
        chunks = {}
        for c in t["chunks"]:
            chunks[(c["row_group_index"], c["column_index"])] = c["values"]
        groups = []
        for g in t["row_groups"]:
            columns = [chunks.get((g["row_group_index"], i), []) for i in range(len(rec["columns"]))]
            rows = [list(r) for r in zip(*columns)] if rec["columns"] else []
            groups.append({"rows": rows, "deleted": set(g["deleted"]), "closed": g["closed"]})
        tables[rec["object_id"]] = WalTable(rec, groups)
    path = path or db.path + ".wal"
    transactions = read_wal(path, db.header["checkpoint_id"])
    for number, transaction in enumerate(transactions):
        for kind, payload in transaction:
            where = f"WAL transaction {number} {kind}"
            r = Reader(payload, where)
            if kind in ("CREATE", "UPDATE"):
                rec = db._parse_catalog_record(payload, where)
                old = records.get(rec["object_id"])
                if (kind == "CREATE") == (old is not None):
                    raise FormatError(f"{where}: object {rec['object_id']} "
                                      f"{'exists' if old else 'does not exist'}")
                records[rec["object_id"]] = rec
                if rec["kind"] != "table":
                    continue
                if kind == "CREATE":
                    tables[rec["object_id"]] = WalTable(rec)
                    continue
                table = tables[rec["object_id"]]
                same = [c["type"].name for c in rec["columns"]] == \
                    [c["type"].name for c in old["columns"]]
                if same:
                    table.record = rec
                    table.changed = True
                    continue
                # A rewrite: visible rows, columns matched by name, into a new table.
                old_index = {c["name"]: i for i, c in enumerate(old["columns"])}
                rows = []
                for row in table.visible_rows():
                    rows.append([row[old_index[c["name"]]] if c["name"] in old_index else None
                                 for c in rec["columns"]])
                fresh = WalTable(rec)
                fresh.append(rows)
                tables[rec["object_id"]] = fresh
            elif kind == "DROP":
                object_id = r.u32()
                r.expect_end()
                records.pop(object_id, None)
                tables.pop(object_id, None)
            elif kind == "APPEND":
                table = tables.get(r.u32())
                if table is None:
                    raise FormatError(f"{where}: APPEND to an unknown table")
                table.append(read_wal_rows(r, [c["type"] for c in table.record["columns"]]))
                r.expect_end()
            elif kind == "DELETE":
                table = tables.get(r.u32())
                count = r.u32()
                if table is None or r.remaining() != 8 * count:
                    raise FormatError(f"{where}: malformed")
                for _ in range(count):
                    table.delete(r.unpack("q"), where)
            elif kind == "COMMIT":
                r.u64()
                r.u64()
                r.expect_end()
    return records, tables, len(transactions)


# ---------------------------------------------------------------------------------------------
# Statistics (2.7): min/max/null_count must describe the values


def sort_key(type_, value):
    p = type_.physical
    if p in ("float", "double"):
        return (1, 0.0) if math.isnan(value) else (0, value)
    if p == "interval":
        months, days, micros = value
        return (months * 30 + days) * 86400000000 + micros
    return value


def check_statistics(c, type_, values):
    """Problems (text) where the recorded statistics do not describe the decoded values."""
    problems = []
    present = [v for v in values if v is not None]
    nulls = len(values) - len(present)
    width = PHYSICAL[type_.physical][0] or 16  # strings: 16 bytes in memory
    uncompressed = len(values) * width + sum(len(v) for v in present if isinstance(v, bytes))
    if uncompressed != c["uncompressed_bytes"]:
        problems.append(f"uncompressed_bytes {c['uncompressed_bytes']}, expected {uncompressed}")
    if nulls != c["null_count"]:
        problems.append(f"null_count {c['null_count']}, the data has {nulls}")
    if not present:
        if c["min"] is not None or c["max"] is not None:
            problems.append("min/max recorded for a chunk without values")
        return problems
    smallest = min(present, key=lambda v: sort_key(type_, v))
    largest = max(present, key=lambda v: sort_key(type_, v))
    for label, recorded, actual in (("min", c["min"], smallest), ("max", c["max"], largest)):
        if recorded is None:
            problems.append(f"{label} is NULL, the data has {actual!r}")
        elif sort_key(type_, recorded) != sort_key(type_, actual):
            problems.append(f"recorded {label} {recorded!r}, the data has {actual!r}")
    return problems


# ---------------------------------------------------------------------------------------------
# Output


def jsonable(type_, value):
    """A JSON-friendly form of a value: bytes as hex, floats' specials as strings."""
    if value is None:
        return None
    if isinstance(value, bytes):
        if type_ is not None and type_.id == 11:
            return value.decode("utf-8", "surrogateescape")
        return {"hex": value.hex()}
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return str(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def to_json(db):
    out = {"path": db.path, "header": db.header, "header_slot": db.header_slot,
           "pages": [db.owner[p] for p in range(db.header["page_count"])], "objects": [],
           "tables": []}
    for rec in db.catalog:
        out["objects"].append({"kind": rec["kind"], "object_id": rec["object_id"],
                               "schema": rec["schema"], "name": rec["name"], "sql": rec["sql"]})
    for t in db.tables:
        rec = t["record"]
        types = [c["type"] for c in rec["columns"]]
        out["tables"].append({
            "name": rec["name"], "schema": rec["schema"], "object_id": rec["object_id"],
            "columns": [{"name": c["name"], "type": c["type"].name, "not_null": c["not_null"]}
                        for c in rec["columns"]],
            "row_groups": [{"index": g["row_group_index"], "rows": g["row_count"],
                            "deleted": len(g["deleted"]), "closed": g["closed"]}
                           for g in t["row_groups"]],
            "chunks": [{"chunk_id": c["chunk_id"], "row_group": c["row_group_index"],
                        "column": c["column_index"], "rows": c["row_count"],
                        "encoding": c["encoding_name"], "null_count": c["null_count"],
                        "min": jsonable(c["min_type"], c["min"]),
                        "max": jsonable(c["max_type"], c["max"]),
                        "bytes": c["validity_bytes"] + c["encoded_bytes"],
                        "uncompressed_bytes": c["uncompressed_bytes"],
                        "first_page": c["pages"][0], "pages": len(c["pages"]),
                        "problems": c["problems"]} for c in t["chunks"]],
            "rows": [[jsonable(types[i], v) for i, v in enumerate(row)] for row in t["rows"]]})
    return out


def summary(db):
    lines = [f"{db.path}: format version {db.header['format_version']}, page size "
             f"{db.page_size}, {db.header['page_count']} pages, checkpoint "
             f"{db.header['checkpoint_id']} (slot {db.header_slot})"]
    kinds = {}
    for kind in db.owner.values():
        kinds[kind] = kinds.get(kind, 0) + 1
    lines.append("pages: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    for t in db.tables:
        rec = t["record"]
        lines.append(f"table {rec['schema']}.{rec['name']}: {len(t['rows'])} rows, "
                     f"{len(t['row_groups'])} row groups, {len(t['chunks'])} chunks")
        for c in t["chunks"]:
            column = rec["columns"][c["column_index"]]
            lines.append(f"  chunk {c['chunk_id']}: row group {c['row_group_index']} column "
                         f"{column['name']} {column['type'].name} {c['encoding_name']} "
                         f"{c['row_count']} rows, {len(c['pages'])} pages from {c['pages'][0]}"
                         + ("".join("; " + p for p in c["problems"])))
    for rec in db.catalog:
        if rec["kind"] != "table":
            lines.append(f"{rec['kind']} {rec['schema']}.{rec['name']}")
    return "\n".join(lines)


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__)
        return 2
    try:
        db = Database(argv[1])
    except FormatError as e:
        print(f"format error: {e}", file=sys.stderr)
        return 1
    if "--json" in argv:
        json.dump(to_json(db), sys.stdout)
        print()
    elif "--rows" in argv:
        name = argv[argv.index("--rows") + 1]
        for t in db.tables:
            if t["record"]["name"] == name:
                types = [c["type"] for c in t["record"]["columns"]]
                for row in t["rows"]:
                    print(json.dumps([jsonable(types[i], v) for i, v in enumerate(row)]))
    else:
        print(summary(db))
    problems = [p for t in db.tables for c in t["chunks"] for p in c["problems"]]
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
