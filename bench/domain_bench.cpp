// Hot paths of the registry's domain rules: ID-card validation (every import row), pinyin for
// look-up keys (every resident written), masking (every resident listed). Each is printed
// against a baseline measured in the same run: copying the same string.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "domain/id_card.hpp"
#include "domain/pinyin.hpp"
#include "domain/privacy.hpp"

namespace {

using namespace minqing::domain;

std::vector<std::string> SampleCards() {
  std::vector<std::string> cards;
  for (int i = 0; i < 1000; ++i) cards.push_back(MakeIdCard("131124", "19800101", i));
  return cards;
}

void BM_BaselineCopy(benchmark::State& state) {
  auto cards = SampleCards();
  std::size_t i = 0;
  for (auto _ : state) {
    std::string copy = cards[i++ % cards.size()];
    benchmark::DoNotOptimize(copy);
  }
}
BENCHMARK(BM_BaselineCopy);

void BM_ValidateIdCard(benchmark::State& state) {
  auto cards = SampleCards();
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(ValidateIdCard(cards[i++ % cards.size()]));
}
BENCHMARK(BM_ValidateIdCard);

void BM_MaskIdCard(benchmark::State& state) {
  auto cards = SampleCards();
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(MaskIdCard(cards[i++ % cards.size()]));
}
BENCHMARK(BM_MaskIdCard);

void BM_PersonNamePinyin(benchmark::State& state) {
  const std::vector<std::string> names = {"王景云", "李秀英", "张伟", "单雄信", "欧阳修"};
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(PersonNamePinyin(names[i++ % names.size()]));
}
BENCHMARK(BM_PersonNamePinyin);

}  // namespace

BENCHMARK_MAIN();
