// `fluxdb check FILE` and `fluxdb inspect FILE [--svg OUT]`: the database file seen from the
// command line. The shell's main() hands `fluxdb check ...` / `fluxdb inspect ...` to these.
#pragma once

namespace fluxdb {

/// `fluxdb check FILE`: verifies the file (every page checksum, every page owned exactly once,
/// heaps, chunk metadata and statistics) and prints each problem with the page and object it
/// concerns, or `ok`. Exit status 0 when the file is healthy, 1 when it is not (or cannot be
/// opened), 2 on a usage error. argv[0] is "check".
int RunCheckCommand(int argc, char** argv);

/// `fluxdb inspect FILE [--svg OUT.svg] [--max-cells N]`: a readable summary of the file (header,
/// pages by kind, heaps, tables with rows, chunks, bytes and encodings); with --svg also a map of
/// the pages. argv[0] is "inspect".
int RunInspectCommand(int argc, char** argv);

}  // namespace fluxdb
