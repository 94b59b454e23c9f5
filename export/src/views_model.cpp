// The relation view of a graph and the questions asked of it: neighbourhoods, names,
// shortest paths, centrality. Graph algorithms run on Boost.Graph copies whose vertex
// i is view node i, so results map straight back to the sorted view.
#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <cmath>
#include <deque>
#include <limits>
#include <map>
#include <set>
#include <utility>

#include "export/views.hpp"

namespace kg::rdfio {
namespace {

using ontology::Class;

bool drawn(Class c) { return c != Class::Statistic && c != Class::SourceDocument && c != Class::Assertion; }

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Simple undirected graph of the view: one edge per joined pair, no self-loops (both
// would only multiply path counts without changing which entities are between).
using Undirected = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;

std::set<std::pair<std::size_t, std::size_t>> joined_pairs(const RelationView& view) {
  std::set<std::pair<std::size_t, std::size_t>> pairs;
  for (const auto& e : view.edges)
    if (e.source != e.target) pairs.emplace(std::min(e.source, e.target), std::max(e.source, e.target));
  return pairs;
}

Undirected undirected(const RelationView& view) {
  Undirected g(view.nodes.size());
  for (const auto& [a, b] : joined_pairs(view)) boost::add_edge(a, b, g);
  return g;
}

constexpr std::size_t kUnreached = std::numeric_limits<std::size_t>::max();

std::vector<std::size_t> distances_from(const Undirected& g, std::size_t start) {
  std::vector<std::size_t> dist(boost::num_vertices(g), kUnreached);
  dist[start] = 0;
  boost::breadth_first_search(
      g, boost::vertex(start, g),
      boost::visitor(boost::make_bfs_visitor(boost::record_distances(dist.data(), boost::on_tree_edge()))));
  return dist;
}

}  // namespace

double ViewEdge::confidence() const {
  double best = 0;
  for (const auto& ev : evidence) best = std::max(best, ev.confidence);
  return best;
}

std::vector<std::string> ViewEdge::sources() const {
  std::set<std::string> files;
  for (const auto& ev : evidence) files.insert(ev.file_name);
  return {files.begin(), files.end()};
}

RelationView relation_view(const graph::Graph& graph, Sources sources) {
  const auto& a = graph.adjacency();
  const bool with_sources = sources == Sources::as_nodes;
  std::vector<std::pair<std::string, graph::Vertex>> kept;
  for (auto [vi, ve] = boost::vertices(a); vi != ve; ++vi)
    if (drawn(a[*vi].key.cls) || (with_sources && a[*vi].key.cls == Class::SourceDocument))
      kept.emplace_back(ontology::entity_iri(a[*vi].key), *vi);
  std::sort(kept.begin(), kept.end());

  RelationView view;
  std::map<graph::Vertex, std::size_t> index;
  for (const auto& [iri, v] : kept) {
    const graph::Node& n = a[v];
    index.emplace(v, view.nodes.size());
    view.nodes.push_back(ViewNode{iri, n.label.empty() ? n.key.name : n.label,
                                  {n.alt_labels.begin(), n.alt_labels.end()}, n.key.cls,
                                  {n.mentioned_in.begin(), n.mentioned_in.end()}, 0});
  }
  for (auto [ei, ee] = boost::edges(a); ei != ee; ++ei) {
    auto s = index.find(boost::source(*ei, a));
    auto t = index.find(boost::target(*ei, a));
    if (s == index.end() || t == index.end()) continue;
    view.edges.push_back(ViewEdge{s->second, t->second, a[*ei].property, a[*ei].evidence});
  }
  if (with_sources) {
    std::map<std::string, std::size_t> file_node;  // SourceDocument label (file name) → node
    for (std::size_t i = 0; i < view.nodes.size(); ++i)
      if (view.nodes[i].cls == Class::SourceDocument) file_node.emplace(view.nodes[i].label, i);
    for (std::size_t i = 0; i < view.nodes.size(); ++i)
      if (view.nodes[i].cls != Class::SourceDocument)
        for (const auto& file : view.nodes[i].sources)
          if (auto f = file_node.find(file); f != file_node.end())
            view.edges.push_back(ViewEdge{i, f->second, ontology::Property::mentionedIn, {}});
  }
  std::sort(view.edges.begin(), view.edges.end(), [](const ViewEdge& x, const ViewEdge& y) {
    return std::tie(x.source, x.property, x.target) < std::tie(y.source, y.property, y.target);
  });
  for (const auto& e : view.edges) {
    ++view.nodes[e.source].degree;
    ++view.nodes[e.target].degree;
  }
  return view;
}

RelationView neighbourhood(const RelationView& view, const std::vector<std::size_t>& centres, std::size_t depth) {
  std::vector<std::vector<std::size_t>> next(view.nodes.size());
  for (const auto& [a, b] : joined_pairs(view)) {
    next[a].push_back(b);
    next[b].push_back(a);
  }
  std::vector<std::size_t> dist(view.nodes.size(), kUnreached);
  std::deque<std::size_t> queue;
  for (std::size_t c : centres)
    if (c < dist.size() && dist[c] == kUnreached) {
      dist[c] = 0;
      queue.push_back(c);
    }
  while (!queue.empty()) {
    std::size_t u = queue.front();
    queue.pop_front();
    if (dist[u] == depth) continue;
    for (std::size_t w : next[u])
      if (dist[w] == kUnreached) {
        dist[w] = dist[u] + 1;
        queue.push_back(w);
      }
  }
  // Kept nodes stay in IRI order, so remapped edges stay sorted.
  RelationView out;
  std::vector<std::size_t> remap(view.nodes.size(), kUnreached);
  for (std::size_t i = 0; i < view.nodes.size(); ++i)
    if (dist[i] != kUnreached) {
      remap[i] = out.nodes.size();
      out.nodes.push_back(view.nodes[i]);
      out.nodes.back().degree = 0;
    }
  for (const auto& e : view.edges)
    if (remap[e.source] != kUnreached && remap[e.target] != kUnreached) {
      out.edges.push_back(e);
      out.edges.back().source = remap[e.source];
      out.edges.back().target = remap[e.target];
      ++out.nodes[remap[e.source]].degree;
      ++out.nodes[remap[e.target]].degree;
    }
  return out;
}

std::vector<std::size_t> find_entities(const RelationView& view, std::string_view name) {
  std::vector<std::size_t> found;
  const std::string wanted = ascii_lower(name);
  auto any_name = [&](const ViewNode& n, auto&& same) {
    if (same(n.label)) return true;
    return std::any_of(n.alt_labels.begin(), n.alt_labels.end(), same);
  };
  for (std::size_t i = 0; i < view.nodes.size(); ++i) {
    const ViewNode& n = view.nodes[i];
    if (n.iri == name || any_name(n, [&](const std::string& s) { return ascii_lower(s) == wanted; }))
      found.push_back(i);
  }
  if (!found.empty()) return found;
  const std::string normalised = ontology::normalise_name(name);
  for (std::size_t i = 0; i < view.nodes.size(); ++i)
    if (any_name(view.nodes[i], [&](const std::string& s) { return ontology::normalise_name(s) == normalised; }))
      found.push_back(i);
  return found;
}

std::vector<std::size_t> suggest_entities(const RelationView& view, std::string_view name, std::size_t limit) {
  std::vector<std::size_t> found;
  const std::string wanted = ascii_lower(name);
  if (wanted.empty()) return found;
  for (std::size_t i = 0; i < view.nodes.size() && found.size() < limit; ++i) {
    const ViewNode& n = view.nodes[i];
    bool hit = ascii_lower(n.label).find(wanted) != std::string::npos;
    for (const auto& alt : n.alt_labels) hit = hit || ascii_lower(alt).find(wanted) != std::string::npos;
    if (hit) found.push_back(i);
  }
  return found;
}

std::vector<RelationPath> shortest_paths(const RelationView& view, std::size_t from, std::size_t to,
                                         std::size_t limit) {
  std::vector<RelationPath> paths;
  if (from >= view.nodes.size() || to >= view.nodes.size() || limit == 0) return paths;
  const Undirected g = undirected(view);
  const auto d_from = distances_from(g, from);
  const auto d_to = distances_from(g, to);
  if (d_from[to] == kUnreached) return paths;
  const std::size_t length = d_from[to];

  std::map<std::pair<std::size_t, std::size_t>, std::vector<std::size_t>> joining;
  for (std::size_t k = 0; k < view.edges.size(); ++k) {
    const auto& e = view.edges[k];
    joining[{std::min(e.source, e.target), std::max(e.source, e.target)}].push_back(k);
  }
  // Depth-first along the nodes lying on some shortest path (d_from + d_to == length),
  // neighbours in index (= IRI) order, so paths come out in lexicographic order.
  std::vector<std::size_t> current{from};
  auto walk = [&](auto&& self, std::size_t u) -> void {
    if (paths.size() >= limit) return;
    if (u == to) {
      RelationPath p;
      p.nodes = current;
      for (std::size_t i = 0; i + 1 < current.size(); ++i)
        p.steps.push_back(joining[{std::min(current[i], current[i + 1]), std::max(current[i], current[i + 1])}]);
      paths.push_back(std::move(p));
      return;
    }
    std::vector<std::size_t> next;
    for (auto [ai, ae] = boost::adjacent_vertices(u, g); ai != ae; ++ai) {
      std::size_t w = *ai;
      if (d_from[w] == d_from[u] + 1 && d_to[w] != kUnreached && d_from[w] + d_to[w] == length) next.push_back(w);
    }
    std::sort(next.begin(), next.end());
    for (std::size_t w : next) {
      current.push_back(w);
      self(self, w);
      current.pop_back();
    }
  };
  walk(walk, from);
  return paths;
}

Centrality top_entities(const RelationView& view, std::size_t n) {
  auto ranked = [&](const std::vector<double>& values) {
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < values.size(); ++i)
      if (values[i] > 0) order.push_back(i);
    // Nodes are sorted by IRI, so a stable sort on value breaks ties by IRI.
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] > values[b]; });
    if (order.size() > n) order.resize(n);
    std::vector<RankedEntity> out;
    for (std::size_t i : order) {
      const ViewNode& node = view.nodes[i];
      out.push_back(RankedEntity{node.label, std::string(ontology::local_name(node.cls)), node.iri, values[i]});
    }
    return out;
  };
  Centrality c;
  std::vector<double> degree;
  for (const auto& node : view.nodes) degree.push_back(static_cast<double>(node.degree));
  c.by_degree = ranked(degree);

  const Undirected g = undirected(view);
  std::vector<double> betweenness(view.nodes.size(), 0.0);
  if (!view.nodes.empty())
    boost::brandes_betweenness_centrality(
        g, boost::make_iterator_property_map(betweenness.begin(), boost::get(boost::vertex_index, g)));
  // Rounded so that summation noise never reorders ties or changes report.json.
  for (double& v : betweenness) v = std::round(v * 1e6) / 1e6;
  c.by_betweenness = ranked(betweenness);
  return c;
}

}  // namespace kg::rdfio
