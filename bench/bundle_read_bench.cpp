// The model bundle read natively, piece by piece: what reading a bundle and checking its
// content_sha256 costs (the CLI's and the page's paths), best of REPEATS, CPU and wall ms.
//
//   build/native/vixray_bundle_read_bench BUNDLE [REPEATS]
//   e.g. build/native/vixray_bundle_read_bench /work/main/build/demo/data/model.json 30
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "bench_timing.hpp"
#include "vixray/data/json_read.hpp"
#include "vixray/data/json_scan.hpp"
#include "vixray/ensemble/bundle_read.hpp"
#include "vixray/ensemble/model_io.hpp"

namespace {

using vixray::bench::best_of;
using vixray::bench::Timing;

void row(const char* what, const Timing& t) {
  std::printf("| %-58s | %8.2f | %8.2f |\n", what, t.cpu_ms, t.wall_ms);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: vixray_bundle_read_bench BUNDLE [REPEATS]\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 20;
  const nlohmann::json document = vixray::parse_json_fast(text);

  std::printf("%s: %zu bytes, best of %d\n\n", argv[1], text.size(), repeats);
  std::printf("| %-58s | %8s | %8s |\n", "what", "CPU ms", "wall ms");
  std::printf("|%s|---------:|---------:|\n", std::string(60, '-').c_str());
  row("parse_json_fast (the whole document)", best_of(repeats, [&] {
        nlohmann::json j = vixray::parse_json_fast(text);
        vixray::release_json(j);
      }));
  row("model_from_json (of the parsed document)",
      best_of(repeats, [&] { vixray::model_from_json(document); }));
  row("canonical_content (of the parsed document)",
      best_of(repeats, [&] { vixray::canonical_content(document); }));
  row("scan_json (payloads and content_sha256 found)",
      best_of(repeats, [&] { vixray::scan_json(text, "content_sha256"); }));
  const vixray::JsonScan scan = vixray::scan_json(text, "content_sha256");
  row("parse_json_payloads (payloads decoded, the rest parsed)", best_of(repeats, [&] {
        nlohmann::json j = vixray::parse_json_payloads(text, scan);
        vixray::release_json(j);
      }));
  nlohmann::json decoded = vixray::parse_json_payloads(text, scan);
  row("model_from_json (of the document with decoded payloads)",
      best_of(repeats, [&] { vixray::model_from_json(decoded); }));
  row("before: parse + canonical_content, parse + model_from_json", best_of(repeats, [&] {
        nlohmann::json j = vixray::parse_json_fast(text);
        vixray::canonical_content(j);
        vixray::release_json(j);
        j = vixray::parse_json_fast(text);
        vixray::model_from_json(j);
        vixray::release_json(j);
      }));
  row("load_model (one read, payloads decoded from the text)",
      best_of(repeats, [&] { vixray::load_model(text); }));
  row("read_model_bundle (load_model + the hash text)",
      best_of(repeats, [&] { vixray::read_model_bundle(text); }));
  return 0;
}
