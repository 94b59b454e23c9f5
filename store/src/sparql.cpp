// prepare_query: what kgbuild does to a SPARQL query before Rasqal sees it.
//
// A small tokenizer (IRIREF, strings, variables, punctuation, words; comments and
// whitespace kept as the text between tokens) and a parser of group graph patterns
// just deep enough to find, in each group, its triple blocks, FILTERs and
// `{…} UNION {…}` chains (https://www.w3.org/TR/sparql11-query/#rGroupGraphPattern).
//
// The UNION rewrite. Rasqal 0.9.33 joins a UNION with the triple patterns of the same
// group wrongly: it pairs rows whose shared variables differ (see
// tests/store/test_sparql.cpp and ../shared/spec/pitfalls.md). Join distributes over
// union, so a group
//     { P1 . {A} UNION {B} . P2 . {C} UNION {D} FILTER(f) }
// (P basic graph patterns, the branches basic graph patterns) has the same solutions as
//     { { P1 P2 A C } UNION { P1 P2 A D } UNION { P1 P2 B C } UNION { P1 P2 B D } FILTER(f) }
// (a FILTER constrains its whole group wherever it stands), and Rasqal evaluates a
// UNION of basic graph patterns correctly (checked against rdflib on random graphs).
// Limits: a group is rewritten only when it holds nothing but triple blocks, FILTERs
// and groups/UNION chains whose branches are plain triple blocks (no FILTER, OPTIONAL,
// BIND, VALUES, GRAPH or nested group inside a branch), no blank node labels (`_:x`
// may not be shared by two patterns) and at most 64 branches after distribution.
// Other groups next to a UNION are left as they are, with a note.
//
// OPTIONAL. Rasqal 0.9.33 mis-joins OPTIONAL after other patterns as well (found by
// comparing with rdflib on random graphs), and has no NOT EXISTS (MINUS is broken too),
// so no rewrite helps. For a SELECT of the shape plan_optional describes, kgbuild
// evaluates it (Store::run_optional): Rasqal answers the required part and each
// OPTIONAL group as separate SELECT * queries, kgbuild left-joins, projects, orders and
// slices. Other shapes go to Rasqal with a warning.
#include <algorithm>
#include <cctype>
#include <functional>
#include <iterator>
#include <map>
#include <set>

#include "describe.hpp"
#include "export/export.hpp"
#include "store/store.hpp"

namespace kg::store {
namespace {

enum class Tok { iri, string, var, lbrace, rbrace, lparen, rparen, lbracket, rbracket, dot, pipe, word, other };

struct Token {
  Tok kind;
  std::size_t begin, end;  // byte span in the text
};

bool is_name_byte(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }
bool is_word_byte(unsigned char c) { return is_name_byte(c) || c == ':' || c == '-' || c == '.' || c == '@'; }

Location location_of(std::string_view text, std::size_t offset) {
  Location where{"query"};
  where.line = 1;
  where.column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++where.line;
      where.column = 1;
    } else {
      ++where.column;
    }
  }
  where.byte_offset = offset;
  return where;
}

Result<std::vector<Token>> tokenize(std::string_view t) {
  std::vector<Token> out;
  std::size_t i = 0;
  const std::size_t n = t.size();
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(t[i]);
    if (std::isspace(c)) {
      ++i;
      continue;
    }
    if (c == '#') {
      while (i < n && t[i] != '\n') ++i;
      continue;
    }
    const std::size_t b = i;
    if (c == '<') {  // IRIREF, or the operators < and <=
      std::size_t j = i + 1;
      while (j < n) {
        unsigned char d = static_cast<unsigned char>(t[j]);
        if (d <= 0x20 || d == '<' || d == '>' || d == '"' || d == '{' || d == '}' || d == '|' || d == '^' ||
            d == '`' || d == '\\')
          break;
        ++j;
      }
      if (j < n && t[j] == '>') {
        out.push_back({Tok::iri, b, j + 1});
        i = j + 1;
      } else {
        out.push_back({Tok::other, b, b + 1});
        ++i;
      }
      continue;
    }
    if (c == '"' || c == '\'') {
      const bool triple = i + 2 < n && t[i + 1] == t[i] && t[i + 2] == t[i];
      std::size_t j = i + (triple ? 3 : 1);
      bool closed = false;
      while (j < n) {
        if (t[j] == '\\') {
          j += 2;
          continue;
        }
        if (!triple && (t[j] == '\n' || t[j] == '\r')) break;
        if (t[j] == static_cast<char>(c) && (!triple || (j + 2 < n && t[j + 1] == t[j] && t[j + 2] == t[j]))) {
          j += triple ? 3 : 1;
          closed = true;
          break;
        }
        ++j;
      }
      if (!closed) return make_error(Errc::parse, "unterminated string", location_of(t, b));
      out.push_back({Tok::string, b, j});
      i = j;
      continue;
    }
    if ((c == '?' || c == '$') && i + 1 < n && is_name_byte(static_cast<unsigned char>(t[i + 1]))) {
      std::size_t j = i + 1;
      while (j < n && is_name_byte(static_cast<unsigned char>(t[j]))) ++j;
      out.push_back({Tok::var, b, j});
      i = j;
      continue;
    }
    Tok single = Tok::other;
    switch (c) {
      case '{': single = Tok::lbrace; break;
      case '}': single = Tok::rbrace; break;
      case '(': single = Tok::lparen; break;
      case ')': single = Tok::rparen; break;
      case '[': single = Tok::lbracket; break;
      case ']': single = Tok::rbracket; break;
      case '.': single = Tok::dot; break;
      case '|': single = Tok::pipe; break;
      default: break;
    }
    if (c == '|' && i + 1 < n && t[i + 1] == '|') {  // || is the OR operator
      out.push_back({Tok::other, b, b + 2});
      i += 2;
      continue;
    }
    if (single == Tok::dot && i + 1 < n && std::isdigit(static_cast<unsigned char>(t[i + 1]))) single = Tok::other;
    if (single != Tok::other || !is_word_byte(c)) {
      out.push_back({single, b, b + 1});
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < n && is_word_byte(static_cast<unsigned char>(t[j]))) ++j;
    while (j > i + 1 && t[j - 1] == '.') --j;  // a name never ends with '.': it ends the triple
    out.push_back({Tok::word, b, j});
    i = j;
  }
  return out;
}

std::string upper(std::string_view s) {
  std::string u(s);
  for (char& ch : u) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return u;
}

// ---- group graph patterns

struct Group;

struct Element {
  enum class Kind { triples, filter, chain, other };
  Kind kind = Kind::triples;
  std::size_t first = 0, last = 0;  // token range [first, last)
  std::vector<std::size_t> branches;  // chain: indexes into Parser::groups
};

struct Group {
  std::size_t open = 0, close = 0;  // token indexes of '{' and '}'
  bool raw = false;                 // a sub-SELECT: left untouched
  std::vector<Element> elements;
  std::vector<std::size_t> children;  // every group directly inside (for rendering)
};

class Parser {
 public:
  Parser(std::string_view text, const std::vector<Token>& toks) : m_t(text), m_k(toks) {}

  std::vector<Group> groups;
  std::vector<std::string> notes;

  std::string_view text_of(std::size_t tok) const { return m_t.substr(m_k[tok].begin, m_k[tok].end - m_k[tok].begin); }
  bool is_word(std::size_t tok, std::string_view upper_word) const {
    return tok < m_k.size() && m_k[tok].kind == Tok::word && upper(text_of(tok)) == upper_word;
  }

  // Skips a balanced (), [] or {} starting at `k`; returns the index after it.
  Result<std::size_t> skip_balanced(std::size_t k) const {
    int depth = 0;
    for (std::size_t i = k; i < m_k.size(); ++i) {
      Tok kind = m_k[i].kind;
      if (kind == Tok::lbrace || kind == Tok::lparen || kind == Tok::lbracket) ++depth;
      if (kind == Tok::rbrace || kind == Tok::rparen || kind == Tok::rbracket) {
        if (--depth == 0) return i + 1;
      }
    }
    return make_error(Errc::parse, "unbalanced brackets", location_of(m_t, m_k[k].begin));
  }

  // Parses the group whose '{' is token `k`; returns its index in `groups`.
  Result<std::size_t> group(std::size_t k) {
    const std::size_t id = groups.size();
    groups.emplace_back();
    groups[id].open = k;
    std::size_t i = k + 1;
    if (is_word(i, "SELECT")) {
      KG_TRY(std::size_t end, skip_balanced(k));
      groups[id].raw = true;
      groups[id].close = end - 1;
      return id;
    }
    while (true) {
      if (i >= m_k.size()) return make_error(Errc::parse, "unterminated group: '}' expected", location_of(m_t, m_k[k].begin));
      const Token& tk = m_k[i];
      if (tk.kind == Tok::rbrace) break;
      Element e;
      e.first = i;
      if (tk.kind == Tok::lbrace) {
        e.kind = Element::Kind::chain;
        KG_TRY(std::size_t g, group(i));
        e.branches.push_back(g);
        groups[id].children.push_back(g);
        i = groups[g].close + 1;
        while (is_word(i, "UNION") && i + 1 < m_k.size() && m_k[i + 1].kind == Tok::lbrace) {
          KG_TRY(std::size_t h, group(i + 1));
          e.branches.push_back(h);
          groups[id].children.push_back(h);
          i = groups[h].close + 1;
        }
      } else if (is_word(i, "FILTER")) {
        e.kind = Element::Kind::filter;
        std::size_t j = i + 1;
        while (j < m_k.size() && m_k[j].kind == Tok::word) ++j;  // NOT EXISTS, a function name
        if (j >= m_k.size() || (m_k[j].kind != Tok::lparen && m_k[j].kind != Tok::lbrace))
          return make_error(Errc::parse, "FILTER without a condition", location_of(m_t, tk.begin));
        KG_TRY(std::size_t end, skip_balanced(j));
        i = end;
      } else if (is_word(i, "OPTIONAL") || is_word(i, "MINUS") || is_word(i, "GRAPH") || is_word(i, "SERVICE") ||
                 is_word(i, "BIND") || is_word(i, "VALUES")) {
        e.kind = Element::Kind::other;
        std::size_t j = i + 1;
        while (j < m_k.size() && m_k[j].kind != Tok::lbrace && m_k[j].kind != Tok::lparen) ++j;
        if (j >= m_k.size()) return make_error(Errc::parse, "unterminated " + upper(text_of(i)), location_of(m_t, tk.begin));
        if (m_k[j].kind == Tok::lparen && !is_word(i, "BIND")) {  // VALUES (?a ?b) { … }
          KG_TRY(std::size_t end, skip_balanced(j));
          j = end;
          while (j < m_k.size() && m_k[j].kind != Tok::lbrace) ++j;
          if (j >= m_k.size()) return make_error(Errc::parse, "unterminated VALUES", location_of(m_t, tk.begin));
        }
        if (m_k[j].kind == Tok::lbrace && !is_word(i, "VALUES")) {
          KG_TRY(std::size_t g, group(j));
          groups[id].children.push_back(g);
          e.branches.push_back(g);  // the element's own group
          i = groups[g].close + 1;
        } else {
          KG_TRY(std::size_t end, skip_balanced(j));
          i = end;
        }
      } else {
        // A triples block: up to and including '.', or up to the next element.
        e.kind = Element::Kind::triples;
        std::size_t j = i;
        while (j < m_k.size()) {
          Tok kind = m_k[j].kind;
          if (kind == Tok::lparen || kind == Tok::lbracket) {
            KG_TRY(std::size_t end, skip_balanced(j));
            j = end;
            continue;
          }
          if (kind == Tok::dot) {
            ++j;
            break;
          }
          if (kind == Tok::lbrace || kind == Tok::rbrace) break;
          if (j > i && (is_word(j, "FILTER") || is_word(j, "OPTIONAL") || is_word(j, "MINUS") || is_word(j, "GRAPH") ||
                        is_word(j, "SERVICE") || is_word(j, "BIND") || is_word(j, "VALUES")))
            break;
          ++j;
        }
        i = j;
      }
      e.last = i;
      groups[id].elements.push_back(std::move(e));
    }
    groups[id].close = i;
    return id;
  }

  // The triples of an element without a trailing '.', trimmed; empty for a lone '.'.
  std::string triples_text(const Element& e) const {
    std::size_t last = e.last;
    while (last > e.first && m_k[last - 1].kind == Tok::dot) --last;
    if (last == e.first) return "";
    return std::string(m_t.substr(m_k[e.first].begin, m_k[last - 1].end - m_k[e.first].begin));
  }

  bool has_bnode_label(const Element& e) const {
    for (std::size_t i = e.first; i < e.last; ++i)
      if (m_k[i].kind == Tok::word && text_of(i).substr(0, 2) == "_:") return true;
    return false;
  }

  // Plain branch: triple blocks only. Its triples, or nullopt.
  std::optional<std::vector<std::string>> plain(const Group& g) const {
    if (g.raw) return std::nullopt;
    std::vector<std::string> out;
    for (const Element& e : g.elements) {
      if (e.kind != Element::Kind::triples || has_bnode_label(e)) return std::nullopt;
      if (auto s = triples_text(e); !s.empty()) out.push_back(std::move(s));
    }
    return out;
  }

  // Warns about OPTIONAL after other patterns: Rasqal 0.9.33 joins it wrongly too
  // (rows whose shared variables differ are paired), and no rewrite into patterns
  // Rasqal gets right exists for a left join.
  void check_optional(std::size_t id) {
    const Group& g = groups[id];
    bool before = false;
    for (const Element& e : g.elements) {
      if (e.kind == Element::Kind::other && is_word(e.first, "OPTIONAL") && before) {
        Location where = location_of(m_t, m_k[e.first].begin);
        notes.push_back("line " + std::to_string(where.line) +
                        ": OPTIONAL after other patterns was left as it is; Rasqal 0.9.33 may join it wrongly");
        return;
      }
      if (e.kind == Element::Kind::chain || (e.kind == Element::Kind::triples && !triples_text(e).empty())) before = true;
    }
  }

  // The rewritten text of group `id`, or nullopt when it is left as it is.
  std::optional<std::string> rewrite(std::size_t id) {
    const Group& g = groups[id];
    if (g.raw) return std::nullopt;
    check_optional(id);
    bool has_union = false;
    for (const Element& e : g.elements)
      if (e.kind == Element::Kind::chain && e.branches.size() > 1) has_union = true;
    if (!has_union) return std::nullopt;
    bool has_neighbour = false;  // something the union is joined with
    std::size_t chains = 0;
    for (const Element& e : g.elements) {
      if (e.kind == Element::Kind::chain) ++chains;
      if (e.kind == Element::Kind::triples && !triples_text(e).empty()) has_neighbour = true;
    }
    if (chains > 1) has_neighbour = true;
    if (!has_neighbour) return std::nullopt;  // a lone UNION (plus FILTERs) is evaluated correctly

    auto leave = [&](const std::string& why) -> std::optional<std::string> {
      Location where = location_of(m_t, m_k[g.open].begin);
      notes.push_back("line " + std::to_string(where.line) + ": a UNION joined with other patterns was left as it is (" +
                      why + "); Rasqal 0.9.33 may join it wrongly");
      return std::nullopt;
    };
    std::vector<std::string> common, filters;
    std::vector<std::vector<std::vector<std::string>>> factors;  // per chain: branches → triples
    for (const Element& e : g.elements) {
      switch (e.kind) {
        case Element::Kind::triples:
          if (has_bnode_label(e)) return leave("a blank node label");
          if (auto s = triples_text(e); !s.empty()) common.push_back(std::move(s));
          break;
        case Element::Kind::filter:
          filters.emplace_back(m_t.substr(m_k[e.first].begin, m_k[e.last - 1].end - m_k[e.first].begin));
          break;
        case Element::Kind::chain: {
          std::vector<std::vector<std::string>> branches;
          for (std::size_t b : e.branches) {
            auto p = plain(groups[b]);
            if (!p) return leave("a branch holds more than triple patterns");
            branches.push_back(std::move(*p));
          }
          factors.push_back(std::move(branches));
          break;
        }
        case Element::Kind::other: return leave("the group holds OPTIONAL, MINUS, GRAPH, SERVICE, BIND or VALUES");
      }
    }
    std::size_t combos = 1;
    for (const auto& f : factors) {
      combos *= f.size();
      if (combos > 64) return leave("more than 64 branches after distribution");
    }
    std::vector<std::vector<std::string>> rows{common};
    for (const auto& f : factors) {
      std::vector<std::vector<std::string>> next;
      for (const auto& row : rows)
        for (const auto& branch : f) {
          auto r = row;
          r.insert(r.end(), branch.begin(), branch.end());
          next.push_back(std::move(r));
        }
      rows = std::move(next);
    }
    std::string out = "{ ";
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (r) out += " UNION ";
      out += "{ ";
      for (const auto& t : rows[r]) out += t + " . ";
      out += "}";
    }
    for (const auto& f : filters) out += " " + f;
    out += " }";
    Location where = location_of(m_t, m_k[g.open].begin);
    notes.push_back("line " + std::to_string(where.line) + ": the triple patterns joined with a UNION were moved into " +
                    std::to_string(rows.size()) + " UNION branches (Rasqal 0.9.33 joins them wrongly otherwise)");
    ++rewritten;
    return out;
  }

  // Text of group `id` with its children rendered (and itself rewritten if due).
  std::string render(std::size_t id) {
    std::map<std::size_t, std::size_t> child_at;
    for (std::size_t c : groups[id].children) child_at[groups[c].open] = c;
    std::map<std::size_t, std::string> rendered;
    for (std::size_t c : groups[id].children) rendered[c] = render(c);
    // Branches rewritten inside are plain no more: rewrite() reads the original tokens,
    // so only rewrite this group when no child changed.
    bool child_changed = false;
    for (std::size_t c : groups[id].children)
      if (rendered[c] != original(c)) child_changed = true;
    if (!child_changed)
      if (auto r = rewrite(id)) return *r;
    std::string out;
    const Group& g = groups[id];
    for (std::size_t k = g.open; k <= g.close;) {
      if (k != g.open)
        if (auto it = child_at.find(k); it != child_at.end()) {
          out += rendered[it->second];
          std::size_t next = groups[it->second].close + 1;
          out += gap(groups[it->second].close);
          k = next;
          continue;
        }
      out += m_t.substr(m_k[k].begin, m_k[k].end - m_k[k].begin);
      if (k != g.close) out += gap(k);
      ++k;
    }
    return out;
  }

  std::string original(std::size_t id) const {
    const Group& g = groups[id];
    return std::string(m_t.substr(m_k[g.open].begin, m_k[g.close].end - m_k[g.open].begin));
  }

  // The text between token k and token k+1 (whitespace, comments).
  std::string gap(std::size_t k) const {
    std::size_t from = m_k[k].end;
    std::size_t to = k + 1 < m_k.size() ? m_k[k + 1].begin : m_t.size();
    return std::string(m_t.substr(from, to - from));
  }

  std::size_t rewritten = 0;

 private:
  std::string_view m_t;
  const std::vector<Token>& m_k;
};

// The value of a parameter as a SPARQL term.
Result<std::string> param_term(const std::string& name, const std::string& value) {
  if (value.size() >= 2 && value.front() == '<' && value.back() == '>') {
    std::string iri = value.substr(1, value.size() - 2);
    auto parsed = Iri::parse(iri);
    if (!parsed.ok()) return make_error(Errc::usage, "parameter '" + name + "': not an IRI: " + value);
    std::string out;
    ontology::syntax::write_IRIREF(out, iri);
    return out;
  }
  std::string out;
  ontology::syntax::write_STRING_LITERAL_QUOTE(out, value);
  return out;
}

}  // namespace

namespace {

thread_local bool t_planning = false;  // prepare_query called by plan_optional

std::set<std::string> vars_in(const Parser& p, const std::vector<Token>& toks, std::size_t first, std::size_t last) {
  std::set<std::string> out;
  for (std::size_t i = first; i < last && i < toks.size(); ++i)
    if (toks[i].kind == Tok::var) out.insert(std::string(p.text_of(i).substr(1)));
  return out;
}

std::optional<std::set<std::string>> certain_vars(const Parser& p, const std::vector<Token>& toks, std::size_t id);

// Variables every branch of a UNION chain binds; nullopt when a branch holds more than
// triples, FILTERs and chains of such groups.
std::optional<std::set<std::string>> chain_vars(const Parser& p, const std::vector<Token>& toks, const Element& e) {
  std::optional<std::set<std::string>> common;
  for (std::size_t b : e.branches) {
    auto v = certain_vars(p, toks, b);
    if (!v) return std::nullopt;
    if (!common) {
      common = *v;
    } else {
      std::set<std::string> both;
      std::set_intersection(common->begin(), common->end(), v->begin(), v->end(), std::inserter(both, both.end()));
      common = std::move(both);
    }
  }
  return common ? common : std::set<std::string>{};
}

// Variables a group binds in every solution: those of its triple blocks and, for each
// UNION chain, those every branch binds. Nullopt when the group holds anything else
// than triples, FILTERs and chains of such groups.
std::optional<std::set<std::string>> certain_vars(const Parser& p, const std::vector<Token>& toks, std::size_t id) {
  const Group& g = p.groups[id];
  if (g.raw) return std::nullopt;
  std::set<std::string> out;
  for (const Element& e : g.elements) {
    if (e.kind == Element::Kind::triples) {
      auto v = vars_in(p, toks, e.first, e.last);
      out.insert(v.begin(), v.end());
    } else if (e.kind == Element::Kind::chain) {
      auto common = chain_vars(p, toks, e);
      if (!common) return std::nullopt;
      out.insert(common->begin(), common->end());
    } else if (e.kind != Element::Kind::filter) {
      return std::nullopt;
    }
  }
  return out;
}

// FILTERs of group `id` whose variables are not all in `bound`: the first one's text.
std::optional<std::string> loose_filter(const Parser& p, const std::vector<Token>& toks, std::size_t id,
                                        const std::set<std::string>& bound) {
  for (const Element& e : p.groups[id].elements) {
    if (e.kind != Element::Kind::filter) continue;
    for (const auto& v : vars_in(p, toks, e.first, e.last))
      if (!bound.count(v)) return "?" + v;
  }
  return std::nullopt;
}

std::string span(std::string_view text, const std::vector<Token>& toks, std::size_t first, std::size_t last) {
  if (first >= last) return "";
  return std::string(text.substr(toks[first].begin, toks[last - 1].end - toks[first].begin));
}

// A prepared "SELECT * WHERE { { b1 } UNION { b2 } … FILTER… }" (what the rewrite
// makes of a group) as one query per branch, each with the FILTERs (a FILTER over a
// union is the union of the filtered branches); the query itself when it has no such
// shape.
std::vector<std::string> split_union(const std::string& q) {
  auto toks = tokenize(q);
  if (!toks.ok()) return {q};
  Parser p(q, *toks);
  std::size_t open = 0;
  while (open < toks->size() && (*toks)[open].kind != Tok::lbrace) ++open;
  if (open >= toks->size()) return {q};
  auto g = p.group(open);
  if (!g.ok()) return {q};
  const Group& top = p.groups[*g];
  const Element* chain = nullptr;
  std::string filters;
  for (const Element& e : top.elements) {
    if (e.kind == Element::Kind::filter) filters += " " + span(q, *toks, e.first, e.last);
    else if (e.kind == Element::Kind::chain && !chain) chain = &e;
    else return {q};
  }
  if (!chain || chain->branches.size() < 2) return {q};
  std::vector<std::string> parts;
  const std::string head = q.substr(0, (*toks)[open].begin);
  // A branch is triples only, or a group holding nothing but a UNION of such (the
  // rewrite of a nested group): its branches are parts of their own.
  std::function<bool(std::size_t)> collect = [&](std::size_t b) {
    const Group& br = p.groups[b];
    if (br.raw) return false;
    bool triples_only = true;
    for (const Element& e : br.elements)
      if (e.kind != Element::Kind::triples) triples_only = false;
    if (triples_only) {
      parts.push_back(head + "{ " + span(q, *toks, br.open + 1, br.close) + filters + " }");
      return true;
    }
    const Element* inner = nullptr;
    for (const Element& e : br.elements) {
      if (e.kind == Element::Kind::triples && e.first + 1 == e.last && (*toks)[e.first].kind == Tok::dot) continue;
      if (e.kind != Element::Kind::chain || inner) return false;
      inner = &e;
    }
    if (!inner) return false;
    for (std::size_t c : inner->branches)
      if (!collect(c)) return false;
    return true;
  };
  for (std::size_t b : chain->branches)
    if (!collect(b)) return {q};
  return parts;
}

// The OptionalPlan of a SELECT whose WHERE group is required patterns (triples, UNION
// chains, FILTERs over variables they always bind) followed by OPTIONAL groups of
// triples, chains and FILTERs over their own variables, with plain variables projected
// and ORDER BY/LIMIT/OFFSET over variables. `why` says what does not fit (empty when
// the query has no OPTIONAL).
std::optional<OptionalPlan> plan_optional(const Parser& p, const std::vector<Token>& toks, const std::string& text,
                                          std::size_t where, std::string& why) {
  const Group& g = p.groups[where];
  bool has_optional = false, has_union = false;
  for (const Element& e : g.elements) {
    if (e.kind == Element::Kind::other && p.is_word(e.first, "OPTIONAL")) has_optional = true;
    if (e.kind == Element::Kind::chain && e.branches.size() > 1) has_union = true;
  }
  if (!has_optional && !has_union) return std::nullopt;
  std::string ignored;
  std::string& reason = has_optional ? why : ignored;  // only OPTIONAL needs a reason told
  // SELECT [DISTINCT|REDUCED] (?v… | *) [WHERE]
  std::size_t sel = 0;
  while (sel < g.open && !p.is_word(sel, "SELECT")) ++sel;
  if (sel >= g.open) return reason = "not a SELECT", std::nullopt;
  OptionalPlan plan;
  bool star = false;
  for (std::size_t i = sel + 1; i < g.open; ++i) {
    if (p.is_word(i, "DISTINCT") || p.is_word(i, "REDUCED")) plan.distinct = true;
    else if (toks[i].kind == Tok::var) plan.projection.emplace_back(p.text_of(i).substr(1));
    else if (toks[i].kind == Tok::other && p.text_of(i) == "*") star = true;
    else if (p.is_word(i, "WHERE")) continue;
    else return reason = "the SELECT clause holds expressions or FROM", std::nullopt;
  }
  // ORDER BY (?v | ASC(?v) | DESC(?v))+, LIMIT n, OFFSET n
  for (std::size_t i = g.close + 1; i < toks.size();) {
    if (p.is_word(i, "ORDER") && p.is_word(i + 1, "BY")) {
      i += 2;
      while (i < toks.size()) {
        if (toks[i].kind == Tok::var) {
          plan.order.emplace_back(std::string(p.text_of(i).substr(1)), false);
          ++i;
        } else if ((p.is_word(i, "ASC") || p.is_word(i, "DESC")) && i + 3 < toks.size() &&
                   toks[i + 1].kind == Tok::lparen && toks[i + 2].kind == Tok::var && toks[i + 3].kind == Tok::rparen) {
          plan.order.emplace_back(std::string(p.text_of(i + 2).substr(1)), p.is_word(i, "DESC"));
          i += 4;
        } else {
          break;
        }
      }
      continue;
    }
    if ((p.is_word(i, "LIMIT") || p.is_word(i, "OFFSET")) && i + 1 < toks.size() && toks[i + 1].kind == Tok::word) {
      std::size_t n = 0;
      for (char c : p.text_of(i + 1)) {
        if (c < '0' || c > '9') return reason = "LIMIT/OFFSET is not a number", std::nullopt;
        n = n * 10 + static_cast<std::size_t>(c - '0');
      }
      if (p.is_word(i, "LIMIT")) plan.limit = n;
      else plan.offset = n;
      i += 2;
      continue;
    }
    return reason = "solution modifiers other than ORDER BY over variables, LIMIT and OFFSET", std::nullopt;
  }
  // Required part, then the OPTIONAL groups.
  std::string required;
  std::set<std::string> bound;
  bool seen_optional = false;
  std::vector<std::size_t> optionals;
  std::vector<const Element*> filters;
  for (const Element& e : g.elements) {
    switch (e.kind) {
      case Element::Kind::triples: {
        if (seen_optional) return reason = "patterns after an OPTIONAL", std::nullopt;
        auto v = vars_in(p, toks, e.first, e.last);
        bound.insert(v.begin(), v.end());
        required += span(text, toks, e.first, e.last) + " ";
        break;
      }
      case Element::Kind::chain: {
        if (seen_optional) return reason = "patterns after an OPTIONAL", std::nullopt;
        auto common = chain_vars(p, toks, e);
        if (!common) return reason = "a UNION branch holds more than triples, FILTERs and UNIONs", std::nullopt;
        bound.insert(common->begin(), common->end());
        required += span(text, toks, e.first, e.last) + " ";
        break;
      }
      case Element::Kind::filter: filters.push_back(&e); break;
      case Element::Kind::other:
        if (!p.is_word(e.first, "OPTIONAL") || e.branches.size() != 1)
          return reason = "MINUS, GRAPH, SERVICE, BIND or VALUES next to OPTIONAL", std::nullopt;
        seen_optional = true;
        optionals.push_back(e.branches.front());
        break;
    }
  }
  for (const Element* f : filters) {
    required += span(text, toks, f->first, f->last) + " ";
    for (const auto& v : vars_in(p, toks, f->first, f->last))
      if (!bound.count(v)) return reason = "a FILTER uses ?" + v + ", which the required patterns may leave unbound", std::nullopt;
  }
  const std::string prologue = text.substr(0, toks[sel].begin);
  auto prepared = [&](const std::string& where_text) -> std::optional<std::string> {
    t_planning = true;  // the parts are prepared (rewritten) but not planned again
    auto q = prepare_query(prologue + "SELECT * WHERE { " + where_text + "}", {});
    t_planning = false;
    if (!q.ok()) return std::nullopt;
    return q->text;
  };
  auto req = prepared(required);
  if (!req) return reason = "the required part cannot be prepared", std::nullopt;
  plan.required = split_union(*req);
  if (!has_optional && plan.required.size() < 2) return std::nullopt;  // nothing to gain
  for (std::size_t o : optionals) {
    auto own = certain_vars(p, toks, o);
    if (!own) return reason = "an OPTIONAL group holds more than triples, FILTERs and UNIONs", std::nullopt;
    if (auto v = loose_filter(p, toks, o, *own))
      return reason = "a FILTER inside OPTIONAL uses " + *v + " from outside it", std::nullopt;
    const Group& og = p.groups[o];
    auto q = prepared(span(text, toks, og.open + 1, og.close) + " ");
    if (!q) return reason = "an OPTIONAL group cannot be prepared", std::nullopt;
    plan.optionals.push_back(*q);
  }
  if (star) {
    for (std::size_t i = g.open; i <= g.close; ++i)
      if (toks[i].kind == Tok::var) {
        std::string v(p.text_of(i).substr(1));
        if (std::find(plan.projection.begin(), plan.projection.end(), v) == plan.projection.end())
          plan.projection.push_back(std::move(v));
      }
  }
  if (plan.projection.empty()) return reason = "no variables projected", std::nullopt;
  return plan;
}

std::string prologue_for(const std::set<std::string>& declared) {
  std::string prologue;
  for (const auto& [prefix, ns] : rdfio::prefixes())
    if (!declared.count(prefix)) prologue += "PREFIX " + prefix + ": <" + ns + "> ";
  if (!prologue.empty()) prologue.back() = '\n';
  return prologue;
}

}  // namespace

// A query kgbuild's small parser cannot follow is handed to Rasqal as it is (with the
// prefixes), so that the user sees Rasqal's own syntax error and position.
Result<PreparedQuery> prepare_query(std::string_view sparql, const Params& params) {
  PreparedQuery out;
  auto unparsed = [&](const Error& e) -> Result<PreparedQuery> {
    out.text = out.plain = prologue_for({}) + std::string(sparql);
    out.prologue_lines = 1;
    out.notes.push_back("kgbuild could not analyse the query (" + e.render() + "); handed to Rasqal unchanged");
    return out;
  };
  // 1. Parameters: `$name` tokens outside strings, IRIs and comments.
  auto toks0_r = tokenize(sparql);
  if (!toks0_r.ok()) {
    if (!params.empty()) return toks0_r.error();
    return unparsed(toks0_r.error());
  }
  auto& toks0 = *toks0_r;
  std::string text;
  std::set<std::string> used;
  std::size_t pos = 0;
  for (const Token& t : toks0) {
    if (t.kind != Tok::var || sparql[t.begin] != '$') continue;
    std::string name(sparql.substr(t.begin + 1, t.end - t.begin - 1));
    auto it = params.find(name);
    if (it == params.end()) continue;
    KG_TRY(std::string term, param_term(name, it->second));
    text.append(sparql.substr(pos, t.begin - pos));
    text += term;
    pos = t.end;
    used.insert(name);
  }
  text.append(sparql.substr(pos));
  for (const auto& [name, value] : params)
    if (!used.count(name))
      return make_error(Errc::usage, "parameter '" + name + "' is not used by the query (it has no $" + name + ")");

  auto toks_r = tokenize(text);
  if (!toks_r.ok()) return toks_r.error();
  auto& toks = *toks_r;
  // 2. Property paths with '|' (Rasqal has none).
  for (const Token& t : toks)
    if (t.kind == Tok::pipe)
      return make_error(Errc::usage,
                        "property paths ('|') are not supported: Rasqal implements SPARQL 1.0 graph patterns; "
                        "write { ?s rdfs:label ?o } UNION { ?s skos:altLabel ?o } instead of "
                        "?s rdfs:label|skos:altLabel ?o",
                        location_of(text, t.begin));

  // 2b. COUNT(DISTINCT …): Rasqal 0.9.33 miscounts it (394 distinct subjects where
  // there are 89, checked against rdflib), so it is refused with the form that works.
  for (std::size_t i = 0; i + 2 < toks.size(); ++i) {
    auto word = [&](std::size_t k, std::string_view w) {
      return toks[k].kind == Tok::word && upper(std::string_view(text).substr(toks[k].begin, toks[k].end - toks[k].begin)) == w;
    };
    if (word(i, "COUNT") && toks[i + 1].kind == Tok::lparen && word(i + 2, "DISTINCT"))
      return make_error(Errc::usage,
                        "COUNT(DISTINCT ...) is refused: Rasqal 0.9.33 miscounts it; write "
                        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?x WHERE { ... } }",
                        location_of(text, toks[i].begin));
  }

  // 3. Prefixes the query declares itself; ORDER BY.
  std::set<std::string> declared;
  Parser parser(text, toks);
  for (std::size_t i = 0; i + 1 < toks.size(); ++i) {
    if (parser.is_word(i, "PREFIX") && toks[i + 1].kind == Tok::word) {
      std::string_view w = parser.text_of(i + 1);
      declared.insert(std::string(w.substr(0, w.find(':'))));
    }
    if (parser.is_word(i, "ORDER") && parser.is_word(i + 1, "BY")) out.ordered = true;
  }

  // The SELECT's variables (Rasqal names none when there is no row): those projected,
  // `(… AS ?v)` included, or for SELECT * every variable in order of appearance.
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (!parser.is_word(i, "SELECT")) continue;
    int depth = 0;
    bool star = false;
    std::size_t j = i + 1;
    for (; j < toks.size(); ++j) {
      if (toks[j].kind == Tok::lbrace || parser.is_word(j, "WHERE") || parser.is_word(j, "FROM")) break;
      if (toks[j].kind == Tok::lparen) ++depth;
      if (toks[j].kind == Tok::rparen) --depth;
      if (toks[j].kind == Tok::other && parser.text_of(j) == "*" && depth == 0) star = true;
      if (toks[j].kind == Tok::var && (depth == 0 || (j > 0 && parser.is_word(j - 1, "AS"))))
        out.projection.emplace_back(parser.text_of(j).substr(1));
    }
    if (star)
      for (; j < toks.size(); ++j)
        if (toks[j].kind == Tok::var) {
          std::string v(parser.text_of(j).substr(1));
          if (std::find(out.projection.begin(), out.projection.end(), v) == out.projection.end())
            out.projection.push_back(std::move(v));
        }
    break;
  }

  // 4. UNION rewrite, group by group at the top level.
  std::vector<std::size_t> top_groups;
  std::string body;
  std::size_t k = 0;
  std::size_t copied = 0;  // text offset copied so far
  while (k < toks.size()) {
    if (toks[k].kind != Tok::lbrace) {
      ++k;
      continue;
    }
    auto g_r = parser.group(k);
    if (!g_r.ok()) {
      out.text = out.plain = prologue_for(declared) + text;
      out.prologue_lines = 1;
      out.notes.push_back("kgbuild could not analyse the query (" + g_r.error().render() + "); handed to Rasqal unchanged");
      return out;
    }
    const std::size_t g = *g_r;
    top_groups.push_back(g);
    body.append(text, copied, toks[k].begin - copied);
    body += parser.render(g);
    copied = toks[parser.groups[g].close].end;
    k = parser.groups[g].close + 1;
  }
  body.append(text, copied, std::string::npos);
  out.rewritten = parser.rewritten > 0;
  out.notes = parser.notes;

  const std::string prologue = prologue_for(declared);
  out.prologue_lines = prologue.empty() ? 0 : 1;
  out.plain = prologue + text;
  out.text = prologue + body;

  // 5. OPTIONAL: evaluated by kgbuild when the query has a shape it can take apart.
  if (top_groups.size() == 1 && !t_planning) {
    std::string why;
    auto plan = plan_optional(parser, toks, text, top_groups.front(), why);
    if (plan) {
      out.optional_plan = std::move(*plan);
      // The whole-query warnings do not apply: the parts are prepared (and rewritten) apart.
      out.notes.erase(std::remove_if(out.notes.begin(), out.notes.end(),
                                     [](const std::string& n) { return n.find("left as it is") != std::string::npos; }),
                      out.notes.end());
      out.notes.push_back("evaluated by kgbuild: Rasqal runs " + std::to_string(out.optional_plan->required.size()) +
                          " required part(s) and " + std::to_string(out.optional_plan->optionals.size()) +
                          " OPTIONAL group(s), kgbuild unites and left-joins their rows");
    } else if (!why.empty()) {
      for (auto& n : out.notes)
        if (n.find("OPTIONAL after") != std::string::npos) n += " (kgbuild cannot evaluate it itself: " + why + ")";
    }
  }
  return out;
}

}  // namespace kg::store

namespace kg::store::detail {

std::optional<DescribePlan> describe_plan(const std::string& text) {
  auto toks = tokenize(text);
  if (!toks.ok()) return std::nullopt;
  Parser p(text, *toks);
  std::size_t d = 0;
  while (d < toks->size() && !p.is_word(d, "DESCRIBE")) {
    if (p.is_word(d, "SELECT") || p.is_word(d, "CONSTRUCT") || p.is_word(d, "ASK")) return std::nullopt;
    ++d;
  }
  if (d == toks->size()) return std::nullopt;
  DescribePlan plan;
  plan.prologue = text.substr(0, (*toks)[d].begin);
  std::vector<std::string> vars;
  bool star = false;
  std::size_t i = d + 1;
  for (; i < toks->size(); ++i) {
    const Token& t = (*toks)[i];
    if (t.kind == Tok::lbrace || p.is_word(i, "WHERE") || p.is_word(i, "FROM")) break;
    std::string piece(p.text_of(i));
    if (t.kind == Tok::var) vars.push_back(piece);
    else if (piece == "*") star = true;
    else plan.constants.push_back(piece);
  }
  if (i < toks->size() && (star || !vars.empty())) {
    std::string head = "SELECT DISTINCT";
    if (star) head += " *";
    for (const auto& v : vars) head += " " + v;
    plan.select = plan.prologue + head + " " + text.substr((*toks)[i].begin);
  }
  return plan;
}

std::string describe_query(const DescribePlan& plan, const std::string& resource) {
  return plan.prologue + "CONSTRUCT { " + resource + " ?p ?o } WHERE { " + resource + " ?p ?o }";
}

}  // namespace kg::store::detail
