#include "tools/demo/word_lists.h"

namespace fluxdb::demo {

const std::vector<std::string_view>& FirstNames() {
  static const std::vector<std::string_view> names = {
      "Emma",   "Liam",   "Olivia", "Noah",    "Ava",    "Lucas",  "Sophia", "Mateo",
      "Mia",    "Elijah", "Amelia", "Oliver",  "Harper", "James",  "Evelyn", "Leo",
      "Aria",   "Hugo",   "Chloe",  "Louis",   "Lea",    "Jonas",  "Hannah", "Felix",
      "Sofia",  "Marco",  "Giulia", "Lorenzo", "Lucia",  "Pablo",  "Carmen", "Diego",
      "Ingrid", "Lars",   "Freya",  "Anders",  "Yuki",   "Haruto", "Sakura", "Ren",
      "Priya",  "Arjun",  "Ananya", "Rohan",   "Mei",    "Wei",    "Li",     "Jun",
      "Fatima", "Omar",   "Amira",  "Yusuf",   "Chiara", "Mathis", "Ines",   "Tomas",
      "Zoe",    "Ethan",  "Grace",  "Daniel",  "Nora",   "Samuel", "Alice",  "Victor",
  };
  return names;
}

const std::vector<std::string_view>& LastNames() {
  static const std::vector<std::string_view> names = {
      "Smith",     "Johnson",  "Williams", "Brown",     "Jones",     "Garcia",    "Miller",
      "Davis",     "Martin",   "Bernard",  "Dubois",    "Laurent",   "Muller",    "Schmidt",
      "Schneider", "Fischer",  "Weber",    "Meyer",     "Rossi",     "Russo",     "Ferrari",
      "Esposito",  "Bianchi",  "Romano",   "Lopez",     "Gonzalez",  "Fernandez", "Sanchez",
      "Perez",     "Martinez", "Silva",    "Santos",    "Oliveira",  "Costa",     "Jensen",
      "Nielsen",   "Hansen",   "Larsen",   "Andersson", "Johansson", "Nowak",     "Kowalski",
      "Novak",     "Horvat",   "Sato",     "Suzuki",    "Takahashi", "Tanaka",    "Kim",
      "Lee",       "Park",     "Chen",     "Wang",      "Zhang",     "Patel",     "Sharma",
      "Singh",     "Kumar",    "Haddad",   "Nasser",    "Walker",    "Young",     "King",
      "Wright",
  };
  return names;
}

const std::vector<City>& Cities() {
  static const std::vector<City> cities = {
      {"New York", "United States", "North America", 9},
      {"Los Angeles", "United States", "North America", 7},
      {"Chicago", "United States", "North America", 5},
      {"Houston", "United States", "North America", 4},
      {"Seattle", "United States", "North America", 3},
      {"Austin", "United States", "North America", 3},
      {"Boston", "United States", "North America", 3},
      {"Toronto", "Canada", "North America", 4},
      {"Vancouver", "Canada", "North America", 2},
      {"Montreal", "Canada", "North America", 2},
      {"Mexico City", "Mexico", "North America", 4},
      {"London", "United Kingdom", "Europe", 8},
      {"Manchester", "United Kingdom", "Europe", 3},
      {"Paris", "France", "Europe", 6},
      {"Lyon", "France", "Europe", 2},
      {"Berlin", "Germany", "Europe", 5},
      {"Munich", "Germany", "Europe", 3},
      {"Hamburg", "Germany", "Europe", 2},
      {"Amsterdam", "Netherlands", "Europe", 3},
      {"Madrid", "Spain", "Europe", 4},
      {"Barcelona", "Spain", "Europe", 3},
      {"Milan", "Italy", "Europe", 3},
      {"Rome", "Italy", "Europe", 3},
      {"Stockholm", "Sweden", "Europe", 2},
      {"Copenhagen", "Denmark", "Europe", 2},
      {"Warsaw", "Poland", "Europe", 2},
      {"Zurich", "Switzerland", "Europe", 2},
      {"Tokyo", "Japan", "Asia", 7},
      {"Osaka", "Japan", "Asia", 3},
      {"Seoul", "South Korea", "Asia", 4},
      {"Singapore", "Singapore", "Asia", 3},
      {"Mumbai", "India", "Asia", 4},
      {"Bangalore", "India", "Asia", 3},
      {"Shanghai", "China", "Asia", 4},
      {"Sydney", "Australia", "Oceania", 4},
      {"Melbourne", "Australia", "Oceania", 3},
      {"Auckland", "New Zealand", "Oceania", 1},
      {"Sao Paulo", "Brazil", "South America", 4},
      {"Buenos Aires", "Argentina", "South America", 2},
      {"Cape Town", "South Africa", "Africa", 2},
  };
  return cities;
}

const std::vector<ProductNoun>& ProductNouns() {
  static const std::vector<ProductNoun> nouns = {
      {"Headphones", "Electronics", 12900},
      {"Bluetooth Speaker", "Electronics", 7900},
      {"Smartwatch", "Electronics", 24900},
      {"Tablet", "Electronics", 39900},
      {"Laptop Stand", "Electronics", 4900},
      {"USB-C Charger", "Electronics", 2900},
      {"Webcam", "Electronics", 6900},
      {"E-Reader", "Electronics", 13900},
      {"Desk Lamp", "Home & Kitchen", 3900},
      {"Coffee Grinder", "Home & Kitchen", 5900},
      {"Chef Knife", "Home & Kitchen", 8900},
      {"Dutch Oven", "Home & Kitchen", 11900},
      {"Throw Blanket", "Home & Kitchen", 4900},
      {"Water Bottle", "Home & Kitchen", 2400},
      {"Cutting Board", "Home & Kitchen", 3400},
      {"Teapot", "Home & Kitchen", 2900},
      {"Running Shoes", "Sports & Outdoors", 11900},
      {"Yoga Mat", "Sports & Outdoors", 3900},
      {"Tent", "Sports & Outdoors", 19900},
      {"Backpack", "Sports & Outdoors", 7900},
      {"Bike Helmet", "Sports & Outdoors", 5900},
      {"Dumbbell Set", "Sports & Outdoors", 8900},
      {"Hoodie", "Clothing", 5900},
      {"Rain Jacket", "Clothing", 12900},
      {"T-Shirt", "Clothing", 1900},
      {"Jeans", "Clothing", 6900},
      {"Wool Socks", "Clothing", 1400},
      {"Sneakers", "Clothing", 8900},
      {"Novel", "Books", 1800},
      {"Cookbook", "Books", 2900},
      {"Travel Guide", "Books", 2200},
      {"Notebook", "Books", 1200},
      {"Board Game", "Toys & Games", 3900},
      {"Puzzle", "Toys & Games", 2400},
      {"Building Blocks", "Toys & Games", 4900},
      {"Plush Bear", "Toys & Games", 1900},
      {"Face Cream", "Beauty", 3400},
      {"Shampoo", "Beauty", 1400},
      {"Perfume", "Beauty", 7900},
      {"Hair Dryer", "Beauty", 5900},
      {"Garden Hose", "Garden", 3900},
      {"Plant Pot", "Garden", 1900},
      {"Pruning Shears", "Garden", 2900},
      {"Bird Feeder", "Garden", 2400},
      {"Dog Bed", "Pet Supplies", 5400},
      {"Cat Tree", "Pet Supplies", 8900},
      {"Dog Leash", "Pet Supplies", 1900},
      {"Pet Fountain", "Pet Supplies", 3900},
  };
  return nouns;
}

const std::vector<std::string_view>& ProductAdjectives() {
  static const std::vector<std::string_view> adjectives = {
      "Classic", "Compact", "Deluxe",  "Eco",      "Essential", "Everyday", "Premium",   "Pro",
      "Smart",   "Ultra",   "Vintage", "Wireless", "Portable",  "Organic",  "Modern",    "Rustic",
      "Nordic",  "Urban",   "Lite",    "Max",      "Travel",    "Studio",   "Signature", "Basic",
  };
  return adjectives;
}

const std::vector<std::string_view>& Brands() {
  static const std::vector<std::string_view> brands = {
      "Acme",      "Northwind", "Globex",   "Initech",  "Umbrella",   "Hooli",
      "Vandelay",  "Stark",     "Wayne",    "Tyrell",   "Cyberdyne",  "Soylent",
      "Oscorp",    "Wonka",     "Aperture", "Monarch",  "Pied Piper", "Dunder",
      "Gringotts", "Octan",     "Zorg",     "Nakatomi", "Bluth",      "Sterling",
  };
  return brands;
}

const std::vector<std::string_view>& EmailDomains() {
  static const std::vector<std::string_view> domains = {
      "gmail.com", "outlook.com",  "yahoo.com", "icloud.com",
      "proton.me", "fastmail.com", "gmx.de",    "orange.fr",
  };
  return domains;
}

}  // namespace fluxdb::demo
