// graph.html: one self-contained page (opens from file://, fetches nothing) drawing the
// relation view with Cytoscape.js, inlined from the fragment scripts/vendor-js.sh
// generates; and write_views, which writes the three view files.
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string_view>

#include "export/views.hpp"
#include "views_style.hpp"

// The vendored library, when scripts/vendor-js.sh has run (it is never committed).
#if __has_include("../../third_party/cytoscape/cytoscape_js.inc")
namespace kg::rdfio::vendored {
#include "../../third_party/cytoscape/cytoscape_js.inc"
}  // namespace kg::rdfio::vendored
#define KG_HAVE_CYTOSCAPE 1
#else
#define KG_HAVE_CYTOSCAPE 0
#endif

namespace kg::rdfio {
namespace {

using nlohmann::ordered_json;

double rounded(double v) { return std::round(v * 1e6) / 1e6; }

std::string html_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

ordered_json view_json(const RelationView& view, const std::string& title) {
  ordered_json j;
  j["title"] = title;
  std::set<ontology::Class> classes;
  std::set<std::string> properties, files;
  j["nodes"] = ordered_json::array();
  for (const auto& n : view.nodes) {
    classes.insert(n.cls);
    files.insert(n.sources.begin(), n.sources.end());
    j["nodes"].push_back({{"id", n.iri},
                          {"label", n.label},
                          {"alt", n.alt_labels},
                          {"cls", ontology::local_name(n.cls)},
                          {"sources", n.sources},
                          {"degree", n.degree}});
  }
  j["edges"] = ordered_json::array();
  for (const auto& e : view.edges) {
    properties.insert(std::string(ontology::local_name(e.property)));
    ordered_json evidence = ordered_json::array();
    for (const auto& ev : e.evidence) {
      files.insert(ev.file_name);
      evidence.push_back({{"file", ev.file_name},
                          {"start", ev.char_start},
                          {"end", ev.char_end},
                          {"text", ev.text},
                          {"rule", ev.rule},
                          {"conf", rounded(ev.confidence)}});
    }
    j["edges"].push_back({{"s", e.source},
                          {"t", e.target},
                          {"p", ontology::local_name(e.property)},
                          {"conf", rounded(e.confidence())},
                          {"ev", evidence}});
  }
  j["classes"] = ordered_json::object();
  for (auto c : classes) {
    auto style = detail::class_style(c);
    j["classes"][std::string(ontology::local_name(c))] = {{"color", style.fill}, {"shape", style.cy_shape}};
  }
  j["properties"] = properties;
  j["sources"] = files;
  return j;
}

// JSON inside <script type="application/json">: the HTML parser ends the element at
// "</script" and treats "<!--" specially, whatever the type, so every '<' (which JSON
// only has inside strings) is written as the escape \u003c.
std::string script_safe_json(const ordered_json& j) {
  std::string text = j.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '<') out += "\\u003c";
    else out += c;
  }
  return out;
}

constexpr std::string_view kStyle = R"css(
*{box-sizing:border-box}
html,body{margin:0;height:100%;font:14px/1.4 system-ui,sans-serif;color:#222;background:#fafafa}
body{display:grid;grid-template-rows:auto 1fr;grid-template-columns:220px 1fr 360px;height:100vh}
header{grid-column:1/4;display:flex;gap:1em;align-items:center;padding:.4em .8em;background:#fff;border-bottom:1px solid #ddd}
header h1{font-size:1.1em;margin:0;font-weight:600;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
#kg-search{flex:0 1 22em;padding:.3em .5em;font:inherit}
#kg-stats{color:#555;white-space:nowrap}
#kg-filters{overflow:auto;padding:.5em .8em;border-right:1px solid #ddd;background:#fff}
#kg-filters h2,#kg-details h2{font-size:1em;margin:.8em 0 .3em}
#kg-filters label{display:block;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.swatch{display:inline-block;width:.8em;height:.8em;margin-right:.3em;border:1px solid #999;vertical-align:-1px}
#kg-filter-source{width:100%}
#kg-graph{position:relative;min-width:0;min-height:0}
#kg-details{overflow:auto;padding:.5em .8em;border-left:1px solid #ddd;background:#fff}
#kg-details .iri{font-size:.8em;color:#666;word-break:break-all}
#kg-details ul{padding-left:1.1em;margin:.2em 0}
#kg-details li{margin:.3em 0}
#kg-details a{color:#1a5fb4;cursor:pointer;text-decoration:underline}
blockquote{margin:.2em 0 .2em .3em;padding:.1em .5em;border-left:3px solid #ccc;color:#333}
.meta{font-size:.8em;color:#666}
#kg-missing{margin:1em;padding:1em;border:2px solid #c01c28;background:#fff0f0}
#kg-list li{cursor:pointer}
)css";

constexpr std::string_view kApp = R"js(
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('kg-data').textContent);
  const nodes = data.nodes, edges = data.edges;
  const $ = (id) => document.getElementById(id);
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };
  const byId = new Map(nodes.map((n, i) => [n.id, i]));
  const incident = nodes.map(() => []);
  edges.forEach((e, k) => { incident[e.s].push(k); if (e.t !== e.s) incident[e.t].push(k); });

  // Filters: classes and properties shown, and one source document (or all).
  const state = { classes: new Set(Object.keys(data.classes)), properties: new Set(data.properties), source: '' };
  const nodeShown = (i) => state.classes.has(nodes[i].cls) && (!state.source || nodes[i].sources.includes(state.source));
  const edgeShown = (k) => {
    const e = edges[k];
    return state.properties.has(e.p) && nodeShown(e.s) && nodeShown(e.t) &&
      (!state.source || e.ev.some((x) => x.file === state.source));
  };

  function checkbox(container, value, text, set, color) {
    const label = el('label');
    const box = el('input');
    box.type = 'checkbox';
    box.checked = true;
    box.value = value;
    box.addEventListener('change', () => { box.checked ? set.add(value) : set.delete(value); apply(); });
    label.appendChild(box);
    if (color) { const s = el('span', '', 'swatch'); s.style.background = color; label.appendChild(s); }
    label.appendChild(document.createTextNode(text));
    container.appendChild(label);
  }
  for (const [cls, style] of Object.entries(data.classes)) checkbox($('kg-filter-class'), cls, cls, state.classes, style.color);
  for (const p of data.properties) checkbox($('kg-filter-property'), p, p, state.properties);
  for (const f of data.sources) $('kg-filter-source').appendChild(new Option(f, f));
  $('kg-filter-source').addEventListener('change', (ev) => { state.source = ev.target.value; apply(); });
  const names = $('kg-names');
  nodes.forEach((n) => names.appendChild(new Option(n.label)));

  let cy = null;
  const items = [];  // the undrawn list, without Cytoscape.js
  if (typeof cytoscape === 'function') {
    const elements = [];
    nodes.forEach((n, i) => {
      const c = data.classes[n.cls];
      // Start on a circle so the force layout begins from the same place every time.
      const a = 2 * Math.PI * i / Math.max(1, nodes.length);
      const r = 40 * Math.sqrt(nodes.length);
      elements.push({ group: 'nodes', data: { id: n.id, label: n.label, color: c.color, shape: c.shape, i: i },
                      position: { x: r * Math.cos(a), y: r * Math.sin(a) } });
    });
    edges.forEach((e, k) => elements.push({ group: 'edges',
      data: { id: 'e' + k, source: nodes[e.s].id, target: nodes[e.t].id, label: e.p, k: k } }));
    cy = cytoscape({
      container: $('kg-graph'), elements: elements, wheelSensitivity: 0.3,
      style: [
        { selector: 'node', style: { 'background-color': 'data(color)', shape: 'data(shape)', label: 'data(label)',
          'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 3, 'min-zoomed-font-size': 7,
          'border-width': 1, 'border-color': '#777', width: 22, height: 22 } },
        { selector: 'edge', style: { width: 1.2, 'line-color': '#aaa', 'target-arrow-color': '#aaa',
          'target-arrow-shape': 'triangle', 'curve-style': 'bezier', label: 'data(label)', 'font-size': 8,
          color: '#555', 'text-rotation': 'autorotate', 'min-zoomed-font-size': 8 } },
        { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#c01c28' } },
        { selector: '.faded', style: { opacity: 0.15 } },
        { selector: 'edge.near', style: { 'line-color': '#c01c28', 'target-arrow-color': '#c01c28', width: 2 } },
      ],
      layout: { name: 'preset' },
    });
    const layout = nodes.length <= 1500
      ? { name: 'cose', animate: false, randomize: false, nodeDimensionsIncludeLabels: true, numIter: 1500 }
      : { name: 'concentric', animate: false, concentric: (n) => nodes[n.data('i')].degree, minNodeSpacing: 10 };
    cy.layout(layout).run();
    cy.on('tap', 'node', (ev) => show(ev.target.data('i')));
    cy.on('tap', (ev) => { if (ev.target === cy) show(-1); });
  } else {
    const list = $('kg-list');
    nodes.forEach((n, i) => {
      const li = el('li', n.label + ' (' + n.cls + ')');
      li.addEventListener('click', () => show(i));
      list.appendChild(li);
      items.push(li);
    });
  }

  function apply() {
    let shownNodes = 0, shownEdges = 0;
    if (cy) {
      cy.batch(() => {
        cy.nodes().forEach((n) => { const on = nodeShown(n.data('i')); n.style('display', on ? 'element' : 'none'); shownNodes += on; });
        cy.edges().forEach((e) => { const on = edgeShown(e.data('k')); e.style('display', on ? 'element' : 'none'); shownEdges += on; });
      });
    } else {
      nodes.forEach((n, i) => { const on = nodeShown(i); items[i].hidden = !on; shownNodes += on; });
      edges.forEach((e, k) => { shownEdges += edgeShown(k); });
    }
    $('kg-stats').textContent = shownNodes + ' entities, ' + shownEdges + ' relations' + (cy ? '' : ' (not drawn)');
  }

  function link(i) {
    const a = el('a', nodes[i].label);
    a.addEventListener('click', () => select(i));
    return a;
  }

  // The details panel: names, class, sources, then every relation with its evidence.
  function show(i) {
    const d = $('kg-details');
    d.replaceChildren();
    d.dataset.iri = i >= 0 ? nodes[i].id : '';
    if (cy) {
      cy.elements().removeClass('faded near');
      if (i >= 0) {
        const n = cy.getElementById(nodes[i].id);
        const near = n.closedNeighborhood();
        cy.elements().not(near).addClass('faded');
        n.connectedEdges().addClass('near');
      }
    }
    if (i < 0) { d.appendChild(el('p', 'Click an entity or search for a name.', 'meta')); return; }
    const n = nodes[i];
    d.appendChild(el('h2', n.label));
    d.appendChild(el('div', n.cls));
    d.appendChild(el('div', n.id, 'iri'));
    if (n.alt.length) d.appendChild(el('div', 'Also called: ' + n.alt.join('; ')));
    if (n.sources.length) d.appendChild(el('div', 'Mentioned in: ' + n.sources.join(', '), 'meta'));
    d.appendChild(el('h2', 'Relations (' + incident[i].length + ')'));
    const ul = el('ul');
    for (const k of incident[i]) {
      const e = edges[k];
      const li = el('li', '', 'relation');
      const head = el('div');
      head.appendChild(e.s === i ? el('b', n.label) : link(e.s));
      head.appendChild(document.createTextNode(' \u2014' + e.p + '\u2192 '));
      head.appendChild(e.t === i ? el('b', n.label) : link(e.t));
      li.appendChild(head);
      for (const x of e.ev) {
        li.appendChild(el('blockquote', x.text, 'evidence'));
        li.appendChild(el('div', x.file + ', characters ' + x.start + '\u2013' + x.end + ', confidence ' + x.conf +
          ', rule ' + x.rule, 'meta source'));
      }
      ul.appendChild(li);
    }
    d.appendChild(ul);
  }

  function select(i) {
    if (cy) {
      cy.$(':selected').unselect();
      const n = cy.getElementById(nodes[i].id);
      n.select();
      cy.animate({ fit: { eles: n.closedNeighborhood(), padding: 80 }, duration: 200 });
    }
    show(i);
  }

  // Search: an exact name (label or other name, any case) first, then a name starting
  // with the text, then one containing it.
  function search(text) {
    const q = text.trim().toLowerCase();
    if (!q) return;
    const names = (n) => [n.label].concat(n.alt).map((s) => s.toLowerCase());
    for (const test of [(s) => s === q, (s) => s.startsWith(q), (s) => s.includes(q)]) {
      const i = nodes.findIndex((n) => names(n).some(test));
      if (i >= 0) { select(i); return; }
    }
  }
  $('kg-search').addEventListener('input', (ev) => search(ev.target.value));
  $('kg-search').addEventListener('keydown', (ev) => { if (ev.key === 'Enter') search(ev.target.value); });

  apply();
  show(-1);
  window.kgView = { cy: cy, data: data, select: (iri) => byId.has(iri) && select(byId.get(iri)) };
})();
)js";

}  // namespace

bool html_library_available() { return KG_HAVE_CYTOSCAPE != 0; }

std::string_view html_library_version() {
#if KG_HAVE_CYTOSCAPE
  return vendored::kCytoscapeVersion;
#else
  return {};
#endif
}

std::string to_html(const RelationView& view, const std::string& title) {
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"generator\" content=\"kgbuild\">\n";
  out += "<title>" + html_escape(title) + "</title>\n<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n<header><h1>" + html_escape(title) + "</h1>";
  out += "<input id=\"kg-search\" type=\"search\" list=\"kg-names\" placeholder=\"Search a name\" autocomplete=\"off\">";
  out += "<datalist id=\"kg-names\"></datalist><span id=\"kg-stats\"></span></header>\n";
  out += "<nav id=\"kg-filters\"><h2>Classes</h2><div id=\"kg-filter-class\"></div>";
  out += "<h2>Relations</h2><div id=\"kg-filter-property\"></div>";
  out += "<h2>Source document</h2><select id=\"kg-filter-source\"><option value=\"\">all documents</option></select></nav>\n";
  if (html_library_available()) {
    out += "<main id=\"kg-graph\"></main>\n";
  } else {
    out += "<main id=\"kg-graph\"><div id=\"kg-missing\"><strong>The graph cannot be drawn: the drawing library "
           "(Cytoscape.js) was missing when this kgbuild was built.</strong> Run <code>scripts/vendor-js.sh</code>, "
           "rebuild kgbuild and write this page again. Search, filters and details still work on the list "
           "below.</div><ul id=\"kg-list\"></ul></main>\n";
  }
  out += "<aside id=\"kg-details\"></aside>\n";
  out += "<script type=\"application/json\" id=\"kg-data\">" + script_safe_json(view_json(view, title)) + "</script>\n";
#if KG_HAVE_CYTOSCAPE
  out += "<script>/* Cytoscape.js " + std::string(vendored::kCytoscapeVersion) + ", MIT licence */\n";
  for (std::string_view chunk : vendored::kCytoscapeChunks) out += chunk;
  out += "\n</script>\n";
#endif
  out += "<script>";
  out += kApp;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

Result<std::vector<std::string>> write_views(const RelationView& view, const std::string& dir,
                                             const std::string& title, const Diagnostics& diagnostics) {
  namespace fs = std::filesystem;
  const fs::path base(dir);
  std::vector<std::string> written;
  const std::pair<const char*, std::string> files[] = {
      {"graph.graphml", to_graphml(view)}, {"graph.dot", to_dot(view)}, {"graph.html", to_html(view, title)}};
  for (const auto& [name, text] : files) {
    std::string path = (base / name).string();
    KG_TRY_VOID(write_text_file(path, text));
    written.push_back(path);
  }
  if (!html_library_available() && diagnostics)
    diagnostics(Level::warning, Location{(base / "graph.html").string()},
                "Cytoscape.js was not vendored into this build (run scripts/vendor-js.sh and rebuild); the page "
                "lists the graph without drawing it");
  return written;
}

}  // namespace kg::rdfio
