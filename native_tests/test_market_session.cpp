// The dashboard's market session (analysis/market_session.hpp), natively: the state the
// WebAssembly binding only declares. The Analysis it commits equals the pipeline's, however the
// detectors are split over sessions, and a failed load leaves the current market as it was.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "small_models.hpp"
#include "test_dates.hpp"
#include "vixray/analysis/analysis_json.hpp"
#include "vixray/analysis/market_session.hpp"
#include "vixray/base/error.hpp"

using vixray::MarketSession;
using vixray::test::day_of;

namespace {

const vixray::test::SmallMarketModel& fixture() {
  static const auto m =
      vixray::test::small_market_model(5, day_of("2008-01-02"), day_of("2010-12-31"));
  return m;
}

std::string analysis_text(const MarketSession& s) {
  return vixray::analysis_to_json(s.analysis(), s.model()).dump();
}

}  // namespace

TEST_CASE("market session: a committed market equals the pipeline's Analysis", "[session]") {
  const auto& f = fixture();
  MarketSession session(f.model);
  CHECK_FALSE(session.has_market());
  CHECK_THROWS_WITH(session.analysis(), Catch::Contains("no market loaded"));
  CHECK(session.load(f.market.frame) == f.market.frame.rows());
  CHECK_FALSE(session.has_market());  // loaded, not committed
  session.commit();
  REQUIRE(session.has_market());
  const std::string expected =
      vixray::analysis_to_json(vixray::analyze_market(f.model, f.market.frame), f.model).dump();
  CHECK(analysis_text(session) == expected);
  CHECK_THROWS_WITH(session.commit(), Catch::Contains("no market loaded"));
}

TEST_CASE("market session: detectors split over two sessions give the same Analysis", "[session]") {
  const auto& f = fixture();
  MarketSession whole(f.model), first(f.model), second(f.model);
  whole.load(f.market.frame);
  whole.commit();
  const size_t detectors = f.model.detectors.size();
  std::vector<size_t> even;
  for (size_t k = 0; k < detectors; k += 2) even.push_back(k);
  std::vector<size_t> odd;
  for (size_t k = 1; k < detectors; k += 2) odd.push_back(k);
  second.load_for_detectors(f.market.frame, even);
  first.load(f.market.frame);
  // Only the odd detectors' features here, as the page's first worker does.
  MarketSession part(f.model);
  part.load_for_detectors(f.market.frame, odd);
  for (size_t k : even) {
    const std::vector<double> scores = second.score_loaded(k);
    std::vector<double>& slot = first.scores_for(k);
    REQUIRE(slot.size() == scores.size());
    slot = scores;
    part.scores_for(k) = scores;
  }
  first.commit();
  CHECK(analysis_text(first) == analysis_text(whole));
  CHECK_THROWS_WITH(first.scores_for(detectors), Catch::Contains("no market loaded"));
  part.commit();
  CHECK(analysis_text(part) == analysis_text(whole));
  // Its other features are computed when an explanation needs them: today's, then an earlier day's.
  const int64_t today = whole.analysis().today;
  CHECK(part.explain_day(today) == whole.explain_day(today));
  CHECK(part.explain_day(today / 2) == whole.explain_day(today / 2));
  // Committed without the other detectors' scores, it computes their features and scores them.
  second.commit();
  CHECK(analysis_text(second) == analysis_text(whole));
  CHECK(second.explain_day(today) == whole.explain_day(today));
}

TEST_CASE("market session: a failed load keeps the current market; what-if leaves it alone",
          "[session]") {
  const auto& f = fixture();
  MarketSession session(f.model);
  session.load(f.market.frame);
  session.commit();
  const std::string before = analysis_text(session);
  vixray::Frame no_vix(f.market.frame.dates());  // a model cannot score a day without the VIX
  for (const auto& name : f.market.frame.names())
    if (name.rfind("vix.", 0) != 0) no_vix.set(name, f.market.frame.column(name));
  CHECK_THROWS_WITH(session.load(no_vix), Catch::Contains("no file gives vix"));
  CHECK(analysis_text(session) == before);
  const nlohmann::json what_if = session.what_if(45.0, -5.0);
  CHECK(what_if["date"].get<std::string>() > vixray::format_iso(f.market.frame.dates().back()));
  CHECK(what_if.contains("drivers"));
  CHECK(analysis_text(session) == before);
  const nlohmann::json explained = session.explain_day(session.analysis().today);
  CHECK(explained["detectors"].size() == f.model.detectors.size());
}

TEST_CASE("analysis columns: every listed column resolves, typed and sized as listed",
          "[session][columns]") {
  const auto& f = fixture();
  MarketSession session(f.model);
  session.load(f.market.frame);
  session.commit();
  const auto& a = session.analysis();
  const size_t n = a.dates.size();
  for (const auto& info : vixray::analysis_column_list()) {
    INFO(info.name);
    const vixray::ColumnData c = vixray::analysis_column(a, session.columns(), info.name);
    CHECK(c.type == info.type);
    const size_t blocks = std::strcmp(info.blocks, "detector") == 0 ? a.detector_names.size()
                          : std::strcmp(info.blocks, "domain") == 0 ? a.domain_names.size()
                                                                    : 1;
    CHECK(c.size == n * blocks);
  }
  CHECK_THROWS_WITH(vixray::analysis_column(a, session.columns(), "nope"),
                    Catch::Contains("unknown column \"nope\""));
}
