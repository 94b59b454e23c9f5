// How each class is drawn, shared by the DOT and HTML views so the colours agree.
#pragma once

#include <string_view>

#include "ontology/vocab.hpp"

namespace kg::rdfio::detail {

struct ClassStyle {
  std::string_view fill;       ///< "#rrggbb" (Tableau 10/20 colours, readable with black text)
  std::string_view dot_shape;  ///< Graphviz node shape
  std::string_view cy_shape;   ///< Cytoscape.js node shape
};

inline ClassStyle class_style(ontology::Class c) {
  using ontology::Class;
  switch (c) {
    case Class::Agent: return {"#bab0ac", "ellipse", "ellipse"};
    case Class::Person: return {"#8fb4e3", "ellipse", "ellipse"};
    case Class::Organization: return {"#ffbe7d", "box", "round-rectangle"};
    case Class::GovernmentBody: return {"#ff9d9a", "box3d", "rectangle"};
    case Class::Group: return {"#86bcb6", "hexagon", "hexagon"};
    case Class::Place: return {"#b5e5a4", "octagon", "octagon"};
    case Class::Country: return {"#59a14f", "doubleoctagon", "octagon"};
    case Class::Region: return {"#8cd17d", "octagon", "octagon"};
    case Class::Settlement: return {"#f1ce63", "house", "triangle"};
    case Class::Waterbody: return {"#a0cbe8", "egg", "barrel"};
    case Class::Event: return {"#d4a6c8", "diamond", "diamond"};
    case Class::Document: return {"#fabfd2", "note", "tag"};
    case Class::LegalInstrument: return {"#d37295", "note", "tag"};
    case Class::Publication: return {"#d7b5a6", "tab", "rhomboid"};
    case Class::Statistic:
    case Class::SourceDocument:
    case Class::Assertion: break;
  }
  return {"#dddddd", "plaintext", "ellipse"};
}

}  // namespace kg::rdfio::detail
