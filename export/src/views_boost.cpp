// GraphML and Graphviz DOT through Boost.Graph's writers (boost::write_graphml,
// boost::write_graphviz_dp), both fed a copy of the view whose vertex and edge order
// is the view's, so the output is as sorted as the view.
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/property_map/dynamic_property_map.hpp>
#include <sstream>

#include "export/views.hpp"
#include "views_style.hpp"

namespace kg::rdfio {
namespace {

struct VProps {
  std::string label, cls, iri, shape, fill, tooltip;
  int degree = 0;
};
struct EProps {
  std::string property, source;
  double confidence = 0;
};
using Drawing = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, VProps, EProps>;

// XML 1.0 forbids most C0 controls even as character references; a label or file
// name carrying one (none should) gets a space instead.
std::string xml_safe(std::string s) {
  for (char& c : s)
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') c = ' ';
  return s;
}

// Boost quotes DOT strings and escapes '"' but not '\', which Graphviz reads as the
// start of an escape (\n, \l, \N…); doubled, it stands for itself. Line breaks
// become spaces.
std::string dot_safe(const std::string& s) {
  std::string out;
  for (char c : xml_safe(s)) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n' || c == '\r' || c == '\t') out += ' ';
    else out += c;
  }
  return out;
}

std::string joined(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

Drawing drawing(const RelationView& view, std::string (*clean)(const std::string&)) {
  Drawing g;
  for (const auto& n : view.nodes) {
    const auto style = detail::class_style(n.cls);
    const std::string cls(ontology::local_name(n.cls));
    boost::add_vertex(VProps{clean(n.label), cls, n.iri, std::string(style.dot_shape), std::string(style.fill),
                             clean(n.label + " (" + cls + ")"), static_cast<int>(n.degree)},
                      g);
  }
  for (const auto& e : view.edges)
    boost::add_edge(e.source, e.target,
                    EProps{std::string(ontology::local_name(e.property)), clean(joined(e.sources(), "; ")),
                           e.confidence()},
                    g);
  return g;
}

std::string keep(const std::string& s) { return xml_safe(s); }

}  // namespace

std::string to_graphml(const RelationView& view) {
  Drawing g = drawing(view, keep);
  boost::dynamic_properties dp;
  dp.property("label", boost::get(&VProps::label, g));
  dp.property("class", boost::get(&VProps::cls, g));
  dp.property("IRI", boost::get(&VProps::iri, g));
  dp.property("degree", boost::get(&VProps::degree, g));
  dp.property("property", boost::get(&EProps::property, g));
  dp.property("confidence", boost::get(&EProps::confidence, g));
  dp.property("source", boost::get(&EProps::source, g));
  std::ostringstream out;
  boost::write_graphml(out, g, dp, true);
  return out.str();
}

std::string to_dot(const RelationView& view) {
  Drawing g = drawing(view, dot_safe);
  using Vertex = Drawing::vertex_descriptor;
  using EdgeD = Drawing::edge_descriptor;
  boost::dynamic_properties dp;
  // Graph attributes (written as "name=value;" lines).
  dp.property("rankdir", boost::make_static_property_map<Drawing*>(std::string("LR")));
  dp.property("fontsize", boost::make_static_property_map<Drawing*>(std::string("10")));
  // Node attributes; node_id is the IRI (quoted by Boost).
  dp.property("node_id", boost::get(&VProps::iri, g));
  dp.property("label", boost::get(&VProps::label, g));
  dp.property("shape", boost::get(&VProps::shape, g));
  dp.property("fillcolor", boost::get(&VProps::fill, g));
  dp.property("tooltip", boost::get(&VProps::tooltip, g));
  dp.property("style", boost::make_static_property_map<Vertex>(std::string("filled")));
  // Edge attributes.
  dp.property("label", boost::get(&EProps::property, g));
  dp.property("fontsize", boost::make_static_property_map<EdgeD>(std::string("9")));
  std::ostringstream out;
  boost::write_graphviz_dp(out, g, dp, "node_id");
  return out.str();
}

}  // namespace kg::rdfio
