// kg::store::virtuoso — loads named graphs into a Virtuoso server and queries it, over
// HTTP (libcurl; no curl type leaves virtuoso.cpp). Private header of kg_store: the
// `virtuoso:URL` backend of `kgbuild load --store` / `kgbuild query`.
//
// Call order: `parse_store_uri("virtuoso:http://127.0.0.1:28890")` gives an Endpoint;
// `replace_graph` uploads one named graph with the SPARQL 1.1 Graph Store HTTP Protocol
// (https://www.w3.org/TR/sparql11-http-rdf-update/#http-put: PUT replaces the graph),
// `load_dataset` does so for every named graph of a Dataset, and `sparql` runs a query
// on the server's /sparql endpoint (https://www.w3.org/TR/sparql11-protocol/) and
// returns the response body unparsed.
//
// What Virtuoso 7.2 (Debian 12) needs, and this code does:
//  - uploads go to /sparql-graph-crud-auth with HTTP digest auth (the anonymous
//    /sparql-graph-crud answers 403);
//  - bodies are N-Triples written by us (sent as application/n-triples), every IRI in
//    full `<…>` form, because Virtuoso keeps the backslash of escaped local names
//    (`kg:a\/b` is stored as `…a\/b`); its graph store refuses JSON-LD;
//  - a PUT whose body fails to parse part-way is answered HTTP 500 (Virtuoso calls it
//    "of unsupported type text/plain"), but by then Virtuoso has dropped the old triples
//    and committed the good part of the new ones. So every body is parsed here first
//    (raptor) and re-written as N-Triples; nothing that does not parse is sent. An
//    upload cut off before its last byte leaves the graph as it was.
//  - what this cannot prevent: a server crash during a PUT may leave that graph empty
//    or partial after recovery (Virtuoso commits the delete and the inserts of a PUT
//    separately); load again. A staging graph plus `MOVE` onto the target would make
//    failures atomic, but Virtuoso 7.2.5 replays `MOVE` wrongly from its transaction
//    log after a crash (moved graphs lose triples, even long-finished ones), so it is
//    not used. Several operations in one SPARQL Update request are not one transaction
//    either.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "export/export.hpp"

namespace kg::store::virtuoso {

/// Where the server is and how hard to try. Copyable value.
struct Endpoint {
  std::string base_url;        ///< "http://127.0.0.1:28890" (no trailing slash)
  std::string user = "dba";    ///< account allowed to write (SPARQL_UPDATE role)
  std::string password = "dba";
  int attempts = 3;            ///< tries per request while the server cannot be reached
  std::chrono::milliseconds retry_delay{500};  ///< pause between those tries
  std::chrono::seconds timeout{60};            ///< limit for one try of one request

  /// `base_url` + "/sparql-graph-crud-auth" (Graph Store protocol, digest auth).
  std::string graph_store_url() const;
  /// `base_url` + "/sparql" (SPARQL protocol; queries need no account).
  std::string sparql_url() const;
};

/// Parses `virtuoso:http://HOST[:PORT][/]` (also `https`, and `http://USER:PASSWORD@HOST…`
/// for the account; a trailing `/sparql` is dropped). Errors: Errc::usage saying what
/// form was expected and what was found.
Result<Endpoint> parse_store_uri(std::string_view uri);

/// Replaces named graph `graph_iri` with the triples of `body`, a document in
/// `content_type` "application/n-triples" or "text/turtle" (parsed here, then sent as
/// N-Triples). On success the graph holds exactly those triples (none for an empty
/// body); when `body` does not parse, the server cannot be reached or refuses the
/// upload, the graph holds what it held before. Connection failures are retried
/// `attempts` times, `retry_delay` apart. Errors: Errc::parse with line and column for
/// a body that does not parse (blank nodes included: kgbuild has none); Errc::usage for
/// another content type; Errc::io naming the URL and curl's reason (unreachable,
/// timeout) or the HTTP status and the server's message (rejected, wrong password).
Result<void> replace_graph(const Endpoint& endpoint, const std::string& graph_iri,
                           const std::string& body, std::string_view content_type);

/// `query` with every prefixed name whose local part has a backslash escape
/// (PN_LOCAL_ESC, https://www.w3.org/TR/sparql11-query/#rPN_LOCAL_ESC: `kg:a\/b`) written
/// as a full IRI (`<…a/b>`), using the query's own PREFIX declarations; everything else
/// byte for byte (strings, comments, IRIs, names without escapes, prefixes it does not
/// declare). Virtuoso 7.2's SPARQL parser rejects such names ("Bad character '\'").
std::string expand_escaped_local_names(std::string_view query);

/// Sends `query` to /sparql (POST, form-encoded) asking for `accept` (e.g.
/// "application/sparql-results+json", or "text/turtle" / "application/n-triples" for
/// CONSTRUCT) and returns the response body; escaped local names are expanded first
/// (`expand_escaped_local_names`). Retries like `replace_graph`. Errors:
/// Errc::parse with the server's message for a query it rejects (HTTP 400), Errc::io
/// otherwise.
Result<std::string> sparql(const Endpoint& endpoint, std::string_view query,
                           std::string_view accept);

/// The N-Triples document of `quads`, graph names dropped, one statement per line:
/// IRIs only as `<…>` (https://www.w3.org/TR/n-triples/#canonical-ntriples).
std::string ntriples_body(const std::vector<const ontology::Quad*>& quads);

/// What `load_dataset` did.
struct LoadStats {
  std::size_t graphs = 0;    ///< named graphs replaced
  std::size_t triples = 0;   ///< triples sent (sum over graphs)
  std::size_t bytes = 0;     ///< request body bytes sent
  double seconds = 0;        ///< wall time of the uploads
};

/// Replaces each named graph of `dataset` with its triples, one PUT per graph over one
/// connection (so digest auth is negotiated once), graphs in IRI order; graphs of the
/// server that `dataset` does not name are left alone. If graph k fails, graphs before
/// it are replaced, it and those after are not touched, and the error names it and
/// says how many were loaded. Errors: as `replace_graph`; Errc::usage for quads in the
/// default graph.
Result<LoadStats> load_dataset(const Endpoint& endpoint, const rdfio::Dataset& dataset);

}  // namespace kg::store::virtuoso
