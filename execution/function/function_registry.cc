#include "execution/function/function_registry.h"

#include "execution/function/builtin_functions.h"

namespace fluxdb {

namespace {
std::string Key(std::string_view name) { return std::string(name.data(), name.size()); }
}  // namespace

const FunctionRegistry& FunctionRegistry::Get() {
  static const FunctionRegistry* registry = [] {
    static FunctionRegistry instance;
    RegisterBuiltinFunctions(instance);
    return &instance;
  }();
  return *registry;
}

const std::vector<ScalarFunction>* FunctionRegistry::LookupScalar(std::string_view name) const {
  auto it = scalars_.find(Key(name));
  return it == scalars_.end() ? nullptr : &it->second;
}

const std::vector<AggregateFunction>* FunctionRegistry::LookupAggregate(
    std::string_view name) const {
  auto it = aggregates_.find(Key(name));
  return it == aggregates_.end() ? nullptr : &it->second;
}

bool FunctionRegistry::IsWindowOnly(std::string_view name) const {
  return window_only_.contains(Key(name));
}

std::vector<std::string> FunctionRegistry::AllNames() const {
  std::vector<std::string> names;
  for (const auto& [name, _] : scalars_) names.push_back(name);
  for (const auto& [name, _] : aggregates_) names.push_back(name);
  for (const auto& [name, _] : window_only_) names.push_back(name);
  return names;
}

void FunctionRegistry::AddScalar(ScalarFunction function) {
  std::string name = function.name;
  scalars_[name].push_back(std::move(function));
}

void FunctionRegistry::AddAlias(std::string_view alias, std::string_view name) {
  auto overloads = scalars_[Key(name)];
  for (auto& f : overloads) scalars_[Key(alias)].push_back(f);
}

void FunctionRegistry::AddAggregate(AggregateFunction function) {
  std::string name = function.name;
  aggregates_[name].push_back(std::move(function));
}

void FunctionRegistry::AddAggregateAlias(std::string_view alias, std::string_view name) {
  auto overloads = aggregates_[Key(name)];
  for (auto& f : overloads) aggregates_[Key(alias)].push_back(f);
}

void FunctionRegistry::AddWindowOnly(std::string_view name) { window_only_[Key(name)] = true; }

}  // namespace fluxdb
