// The benchmarks' main().
#include <benchmark/benchmark.h>

BENCHMARK_MAIN();
