// COPY table FROM 'file' / COPY table|(query) TO 'file'.
#include "main/client_context.h"
#include "main/statement_runners.h"

namespace fluxdb {

ResultOr RunCopy(ClientContext&, const ast::CopyStatement&) {
  return NotImplementedError("COPY is not implemented yet");
}

}  // namespace fluxdb
