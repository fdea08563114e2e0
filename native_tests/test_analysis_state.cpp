// The state a page keeps between visits (analysis/analysis_state.hpp): restored, it gives the
// saved Analysis without features or scores; extended by new days, it gives exactly the Analysis
// of the whole market; damaged or stale, it is refused with one line.
#include <catch2/catch.hpp>
#include <cstddef>
#include <string>

#include "small_models.hpp"
#include "test_dates.hpp"
#include "vixray/analysis/analysis_json.hpp"
#include "vixray/analysis/analysis_state.hpp"
#include "vixray/analysis/market_session.hpp"
#include "vixray/base/build_id.hpp"
#include "vixray/base/error.hpp"
#include "vixray/base/version.hpp"
#include "vixray/data/market_json.hpp"

using vixray::MarketSession;
using vixray::test::day_of;

// A named namespace: the unity build compiles test files together.
namespace state_test {

const vixray::test::SmallMarketModel& fixture() {
  static const auto m =
      vixray::test::small_market_model(9, day_of("2008-01-02"), day_of("2009-12-31"));
  return m;
}

std::string text_of(const MarketSession& s) {
  return vixray::analysis_to_json(s.analysis(), s.model()).dump();
}

// The state of a session that committed the first `rows` days of the fixture.
std::string state_of_first(size_t rows) {
  MarketSession s(fixture().model);
  s.load(fixture().market.frame.head(static_cast<int64_t>(rows)),
         {{"kind", "simulated"}, {"seed", 9}});
  s.commit();
  return s.state();
}

}  // namespace state_test

TEST_CASE("analysis state: restored, the saved Analysis; the bytes read back as written",
          "[state]") {
  const auto& f = state_test::fixture();
  MarketSession saved(f.model);
  saved.load(f.market.frame);
  saved.commit();
  const std::string bytes = saved.state();
  CHECK(vixray::write_analysis_state(vixray::read_analysis_state(bytes)) == bytes);
  MarketSession restored(f.model);
  restored.restore(bytes, vixray::frame_to_market_json(f.market.frame).dump());
  CHECK(state_test::text_of(restored) == state_test::text_of(saved));
  // The market text given with the state is read on first need: a what-if reads the new day's
  // features only, an explanation every day's.
  CHECK(restored.what_if(30.0, -2.0) == saved.what_if(30.0, -2.0));
  CHECK(restored.explain_day(restored.analysis().today) ==
        saved.explain_day(saved.analysis().today));
  // The last day's features continue from the state's carry (no pass over the days before).
  const auto last = static_cast<int64_t>(f.market.frame.rows() - 1);
  MarketSession restored_again(f.model);
  restored_again.restore(bytes, vixray::frame_to_market_json(f.market.frame).dump());
  CHECK(restored_again.explain_day(last) == saved.explain_day(last));
  CHECK(restored_again.state() == bytes);
  CHECK(restored.explain_day(5) == saved.explain_day(5));
  MarketSession wrong_market(f.model);
  wrong_market.restore(bytes, vixray::frame_to_market_json(f.market.frame.head(300)).dump());
  CHECK_THROWS_WITH(wrong_market.what_if(30.0, -2.0), Catch::Contains("not the saved market"));
}

TEST_CASE("analysis state: days appended score only those and equal a full Analysis", "[state]") {
  const auto& f = state_test::fixture();
  const size_t n = static_cast<size_t>(f.market.frame.rows());
  const std::string full =
      vixray::analysis_to_json(vixray::analyze_market(f.model, f.market.frame), f.model).dump();
  for (size_t k : {size_t{1}, size_t{5}, size_t{0}}) {
    INFO("appended days: " << k);
    MarketSession s(f.model);
    s.extend(state_test::state_of_first(n - k), {f.market.frame, nullptr});
    CHECK(state_test::text_of(s) == full);
  }
  // A market whose earlier days changed is refused; the current market stays.
  vixray::Frame revised = f.market.frame;
  auto vix = revised.column("vix.close");
  vix[10] += 0.01;
  revised.set("vix.close", vix);
  MarketSession s(f.model);
  CHECK_THROWS_WITH(s.extend(state_test::state_of_first(n - 1), {revised, nullptr}),
                    Catch::Contains("analysis state: frame_digest"));
  CHECK_FALSE(s.has_market());
}

TEST_CASE(
    "analysis state: after days appended, explanations, what-ifs, documents and the state "
    "are a full Analysis's",
    "[state]") {
  const auto& f = state_test::fixture();
  const size_t n = static_cast<size_t>(f.market.frame.rows());
  MarketSession full(f.model);
  full.load(f.market.frame);
  full.commit();
  MarketSession extended(f.model);
  extended.extend(state_test::state_of_first(n - 3), {f.market.frame, nullptr});
  const int64_t today = full.analysis().today;
  REQUIRE(today >= static_cast<int64_t>(n - 3));
  // The page's default, today's drivers, and the documents read the new days' features that
  // extend() computed; a what-if the new day's own.
  CHECK(extended.explain_day(today) == full.explain_day(today));
  const vixray::ReportContext context;
  CHECK(extended.documents(context) == full.documents(context));
  CHECK(extended.what_if(35.0, -3.5) == full.what_if(35.0, -3.5));
  CHECK(extended.state() == full.state());
  // An earlier day computes every day's features, once, the same as a full Analysis's.
  for (int64_t day : {int64_t{0}, int64_t{300}, static_cast<int64_t>(n - 4)})
    CHECK(extended.explain_day(day) == full.explain_day(day));
  CHECK(extended.explain_day(today) == full.explain_day(today));
  CHECK(extended.what_if(12.0, 1.0) == full.what_if(12.0, 1.0));
}

TEST_CASE("analysis state: damaged, truncated or stale states are refused in one line", "[state]") {
  const auto& f = state_test::fixture();
  const std::string bytes = state_test::state_of_first(200);
  MarketSession s(f.model);
  const std::string market = vixray::frame_to_market_json(f.market.frame.head(200)).dump();
  std::string flipped = bytes;
  flipped[bytes.size() / 2] = static_cast<char>(flipped[bytes.size() / 2] ^ 0x10);
  CHECK_THROWS_WITH(s.restore(flipped, market), Catch::Contains("analysis state: checksum"));
  CHECK_THROWS_WITH(s.restore(bytes.substr(0, 100), market),
                    Catch::Contains("analysis state: checksum"));
  CHECK_THROWS_WITH(s.restore(bytes.substr(0, 12), market), Catch::Contains("truncated"));
  CHECK_THROWS_WITH(s.restore("", market), Catch::Contains("analysis state: byte 0: magic"));
  std::string version = bytes;
  version[8] = 1;  // a state of the format before the carry
  CHECK_THROWS_WITH(s.restore(version, market), Catch::Contains("version: expected 2, got 1"));
  auto other = vixray::read_analysis_state(bytes);
  other.build_id = "0.0.0-0000000000000000";
  CHECK_THROWS_WITH(s.restore(vixray::write_analysis_state(other), market),
                    Catch::Contains("build_id: expected " + std::string(vixray::build_id())));
  other = vixray::read_analysis_state(bytes);
  other.detector_scores[3] = 1.5;
  CHECK_THROWS_WITH(s.restore(vixray::write_analysis_state(other), market),
                    Catch::Contains("scores in [0, 1]"));
  other = vixray::read_analysis_state(bytes);
  REQUIRE_FALSE(other.carry.states.empty());
  other.carry.states[0][0].run = 200;  // more inputs than the 199 days before the last
  CHECK_THROWS_WITH(s.restore(vixray::write_analysis_state(other), market),
                    Catch::Contains("carry.run"));
  other = vixray::read_analysis_state(bytes);
  other.detector_names.pop_back();
  other.detector_scores.resize(other.dates.size() * other.detector_names.size());
  CHECK_THROWS_WITH(s.restore(vixray::write_analysis_state(other), market),
                    Catch::Contains("detector_names"));
  CHECK_FALSE(s.has_market());
  CHECK(std::string(vixray::build_id()).rfind(vixray::kVersion, 0) == 0);
}
