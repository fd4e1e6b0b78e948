// Checks of a table definition shared by CREATE TABLE and ALTER TABLE.
#pragma once

#include "common/status.h"
#include "storage/catalog_record.h"

namespace fluxdb {

class ClientContext;

/// Binds every DEFAULT and CHECK of `record` against its columns, so a bad one fails now rather
/// than at the next INSERT.
Status ValidateTableExpressions(ClientContext& context, const CatalogRecord& record);

}  // namespace fluxdb
