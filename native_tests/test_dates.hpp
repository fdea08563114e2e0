// A calendar day from an ISO or US date literal, for known-answer tests (fails the test on a
// date the core's parse_date rejects).
#pragma once
#include <catch2/catch.hpp>

#include "vixray/data/dates.hpp"

namespace vixray::test {

inline Day day_of(const char* text) {
  Day out = 0;
  REQUIRE(parse_date(text, out));
  return out;
}

}  // namespace vixray::test
