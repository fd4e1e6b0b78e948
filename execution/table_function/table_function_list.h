// The families of built-in table functions (one file each); table_function_registry.cc lists them.
#pragma once

#include <vector>

#include "execution/table_function/table_function.h"

namespace fluxdb {

void AddRangeFunctions(std::vector<TableFunction>& functions);
void AddRepeatFunction(std::vector<TableFunction>& functions);
void AddUnnestFunction(std::vector<TableFunction>& functions);
void AddStorageInfoFunctions(std::vector<TableFunction>& functions);
void AddCsvFunctions(std::vector<TableFunction>& functions);
void AddStorageIntrospectionFunctions(std::vector<TableFunction>& functions);
void AddCatalogIntrospectionFunctions(std::vector<TableFunction>& functions);
void AddDuckDbCatalogFunctions(std::vector<TableFunction>& functions);

}  // namespace fluxdb
