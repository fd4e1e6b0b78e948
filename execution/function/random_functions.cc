// random(): a DOUBLE in [0, 1), volatile (never folded, a new value per row).
// gen_random_uuid() / uuid(): a random version 4 UUID, volatile likewise.
//
// Each call site on each thread draws from its own xoshiro256** stream, seeded from the
// query's ExecutionContext::random_seed mixed with a per-stream counter, so parallel scans need
// no shared state and streams never coincide.
#include <atomic>
#include <random>

#include "common/uuid.h"
#include "execution/expression/expression_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/function_registry.h"

namespace fluxdb {

namespace {

uint64_t SplitMix(uint64_t* x) {
  uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

struct RandomState : FunctionLocalState {
  uint64_t s[4] = {};
  bool seeded = false;

  void Seed(uint64_t seed) {
    static std::atomic<uint64_t> streams{0};
    uint64_t x = seed ^ (streams.fetch_add(1, std::memory_order_relaxed) * 0xd1b54a32d192ed03ULL);
    for (auto& word : s) word = SplitMix(&x);
    seeded = true;
  }
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t Next() {
    uint64_t result = Rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = Rotl(s[3], 45);
    return result;
  }
  double NextDouble() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
};

std::unique_ptr<FunctionLocalState> InitRandom(const BoundExpression&) {
  return std::make_unique<RandomState>();
}

Status RandomBody(const DataChunk& args, ExpressionState& state, Vector& result) {
  auto& local = static_cast<RandomState&>(*state.local);
  if (!local.seeded) local.Seed(state.context != nullptr ? state.context->random_seed : 0);
  double* out = result.data<double>();
  idx_t count = args.size();
  for (idx_t i = 0; i < count; i++) out[i] = local.NextDouble();
  return Status();
}

// UUIDs must differ across processes and connections even when two queries start in the same
// microsecond, so their streams also mix in the OS entropy source (once per stream, not per row).
Status RandomUuidBody(const DataChunk& args, ExpressionState& state, Vector& result) {
  auto& local = static_cast<RandomState&>(*state.local);
  if (!local.seeded) {
    std::random_device device;
    uint64_t entropy = (static_cast<uint64_t>(device()) << 32) | device();
    local.Seed((state.context != nullptr ? state.context->random_seed : 0) ^ entropy);
  }
  int128_t* out = result.data<int128_t>();
  idx_t count = args.size();
  for (idx_t i = 0; i < count; i++) {
    uint64_t high = local.Next();
    out[i] = MakeRandomUuid(high, local.Next());
  }
  return Status();
}

}  // namespace

void RegisterRandomFunctions(FunctionRegistry& registry) {
  ScalarFunction random{"random", {}, LogicalType::Double(), RandomBody};
  random.init_local = InitRandom;
  random.is_volatile = true;
  registry.AddScalar(random);
  for (const char* name : {"gen_random_uuid", "uuid"}) {
    ScalarFunction uuid{name, {}, LogicalType::Uuid(), RandomUuidBody};
    uuid.init_local = InitRandom;
    uuid.is_volatile = true;
    registry.AddScalar(uuid);
  }
}

}  // namespace fluxdb
