// The vocabulary of the demo database: names, places and products the generator draws from.
#pragma once

#include <string_view>
#include <vector>

namespace fluxdb::demo {

struct PersonName {
  std::string_view name;
};

struct City {
  std::string_view city;
  std::string_view country;
  std::string_view region;
  int weight;  // relative share of customers
};

struct ProductNoun {
  std::string_view noun;
  std::string_view category;
  int base_price_cents;  // typical price; products vary around it
};

const std::vector<std::string_view>& FirstNames();
const std::vector<std::string_view>& LastNames();
const std::vector<City>& Cities();
const std::vector<ProductNoun>& ProductNouns();
const std::vector<std::string_view>& ProductAdjectives();
const std::vector<std::string_view>& Brands();
const std::vector<std::string_view>& EmailDomains();

}  // namespace fluxdb::demo
