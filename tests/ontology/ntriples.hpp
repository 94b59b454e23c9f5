// A Turtle file read through `rapper -o ntriples` into a small in-memory graph of
// N-Triples tokens, for the ontology-file tests (test_ontology links kg_ontology only,
// without Redland). Terms stay in N-Triples form: "<iri>", "_:b1", "\"text\"@en".
#pragma once

#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support.hpp"

namespace kg::test {

class NtGraph {
 public:
  /// Parses rapper's N-Triples output (one triple a line). Fails the test on a line it
  /// cannot split.
  static NtGraph from_ntriples(const std::string& text) {
    NtGraph g;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      const auto s_end = line.find(' ');
      const auto p_end = line.find(' ', s_end + 1);
      INFO(line);
      REQUIRE(s_end != std::string::npos);
      REQUIRE(p_end != std::string::npos);
      REQUIRE(line.size() > p_end + 3);
      REQUIRE(line.compare(line.size() - 2, 2, " .") == 0);
      g.add(line.substr(0, s_end), line.substr(s_end + 1, p_end - s_end - 1),
            line.substr(p_end + 1, line.size() - p_end - 3));
    }
    return g;
  }

  /// `rapper` run on `path`; fails the test when rapper reports an error.
  static NtGraph from_turtle_file(const std::string& path) {
    auto r = run_command("rapper -q -i turtle -o ntriples '" + path + "'", temp_dir("ntgraph"));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return from_ntriples(r.out);
  }

  void add(const std::string& s, const std::string& p, const std::string& o) {
    m_spo[s][p].insert(o);
    ++m_size;
  }
  std::size_t size() const { return m_size; }

  const std::set<std::string>& objects(const std::string& s, const std::string& p) const {
    static const std::set<std::string> kNone;
    auto it = m_spo.find(s);
    if (it == m_spo.end()) return kNone;
    auto jt = it->second.find(p);
    return jt == it->second.end() ? kNone : jt->second;
  }
  bool has(const std::string& s, const std::string& p, const std::string& o) const { return objects(s, p).count(o) > 0; }
  std::set<std::string> subjects() const {
    std::set<std::string> out;
    for (const auto& [s, preds] : m_spo) out.insert(s);
    return out;
  }
  /// The one object of (s, p), or "" when there is none or several.
  std::string one(const std::string& s, const std::string& p) const {
    const auto& o = objects(s, p);
    return o.size() == 1 ? *o.begin() : std::string();
  }
  /// Members of the RDF list starting at `head`, in order; fails on a malformed list.
  std::vector<std::string> list(const std::string& head) const {
    static const std::string rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    std::vector<std::string> out;
    std::string node = head;
    for (int guard = 0; node != "<" + rdf + "nil>"; ++guard) {
      REQUIRE(guard < 1000);
      std::string first = one(node, "<" + rdf + "first>");
      std::string rest = one(node, "<" + rdf + "rest>");
      INFO(node);
      REQUIRE(!first.empty());
      REQUIRE(!rest.empty());
      out.push_back(first);
      node = rest;
    }
    return out;
  }

 private:
  std::map<std::string, std::map<std::string, std::set<std::string>>> m_spo;
  std::size_t m_size = 0;
};

/// "<iri>" — an IRI as an N-Triples token.
inline std::string nt(const std::string& iri) { return "<" + iri + ">"; }

}  // namespace kg::test
