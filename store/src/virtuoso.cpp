// Virtuoso over HTTP (contract in virtuoso.hpp). One CURL easy handle per Session, kept
// across requests so that the connection and the digest-auth nonce are reused.
#include "virtuoso.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace kg::store::virtuoso {
namespace {

constexpr std::string_view kScheme = "virtuoso:";

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct EasyDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* s) const { curl_slist_free_all(s); }
};
using Easy = std::unique_ptr<CURL, EasyDeleter>;
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

std::size_t append_body(char* data, std::size_t size, std::size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

// Failures where the request may not have reached the server, or the server did not
// finish answering: worth another try (PUT and query POSTs are idempotent).
bool transient(CURLcode rc) {
  switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
      return true;
    default:
      return false;
  }
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// The useful part of an error page: Virtuoso puts its message in <xmp>…</xmp>;
// otherwise tags are dropped. First few non-empty lines, joined by spaces.
std::string server_message(std::string_view body) {
  std::string text;
  if (const auto x = body.find("<xmp>"); x != std::string_view::npos) {
    const auto e = body.find("</xmp>", x);
    text = std::string(body.substr(x + 5, e == std::string_view::npos ? e : e - x - 5));
  } else {
    bool in_tag = false;
    for (char c : body) {
      if (c == '<') in_tag = true;
      else if (c == '>') in_tag = false;
      else if (!in_tag) text += c;
    }
  }
  std::string out;
  int lines = 0;
  std::size_t pos = 0;
  while (pos < text.size() && lines < 4) {
    auto nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string line = trim(std::string_view(text).substr(pos, nl - pos));
    pos = nl + 1;
    if (line.empty()) continue;
    if (!out.empty()) out += ' ';
    out += line;
    ++lines;
  }
  if (out.size() > 600) out = out.substr(0, 600) + "…";
  return out.empty() ? "(empty response)" : out;
}

struct Response {
  long status = 0;
  std::string body;
};

enum class Method { get, put, post };
enum class Auth { none, digest };

class Session {
 public:
  explicit Session(const Endpoint& endpoint) : m_endpoint(endpoint) {
    global_init();
    m_easy.reset(curl_easy_init());
  }
  // Not copyable: owns a connection and the auth state bound to it.
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // One request, retried while the server cannot be reached. `body` must outlive the
  // call (curl reads it in place, and again when digest auth makes it resend).
  Result<Response> perform(Method method, const std::string& url, std::string_view body,
                           std::string_view content_type, std::string_view accept, Auth auth) {
    if (!m_easy) return make_error(Errc::internal, "curl_easy_init failed");
    const int attempts = std::max(1, m_endpoint.attempts);
    std::string reason;
    int tried = 0;
    for (int attempt = 1; attempt <= attempts; ++attempt, ++tried) {
      if (attempt > 1) std::this_thread::sleep_for(m_endpoint.retry_delay);
      Response response;
      const CURLcode rc = once(method, url, body, content_type, accept, auth, response);
      if (rc == CURLE_OK) {
        if (response.status != 503 || attempt == attempts) return response;
        reason = "HTTP 503: " + server_message(response.body);
        continue;
      }
      reason = curl_easy_strerror(rc);
      if (m_error[0] != '\0') reason += std::string(": ") + trim(m_error);
      if (!transient(rc)) {
        tried = attempt;
        break;
      }
    }
    const std::string where = url.substr(0, url.find('?'));
    if (tried == 1)
      return make_error(Errc::io, "cannot reach Virtuoso at " + where + ": " + reason);
    return make_error(Errc::io, "cannot reach Virtuoso at " + where + " (" +
                                    std::to_string(tried) + " attempts, " +
                                    std::to_string(m_endpoint.retry_delay.count()) +
                                    " ms apart): " + reason);
  }

  // Gets the digest nonce with a request that has no body, so that the uploads after it
  // carry their credentials at once instead of sending each body twice.
  Result<void> authenticate() {
    if (m_authenticated) return {};
    KG_TRY(Response r, perform(Method::get,
                               m_endpoint.graph_store_url() +
                                   "?graph-uri=urn%3Akgbuild%3Aauth-probe",
                               {}, {}, "text/turtle", Auth::digest));
    if (r.status == 401 || r.status == 403)
      return make_error(Errc::io, "Virtuoso at " + m_endpoint.graph_store_url() +
                                      " refused user '" + m_endpoint.user + "' (HTTP " +
                                      std::to_string(r.status) +
                                      "): wrong password, or the account lacks SPARQL_UPDATE");
    m_authenticated = true;
    return {};
  }

  std::string escape(std::string_view s) {
    char* e = curl_easy_escape(m_easy.get(), s.data(), static_cast<int>(s.size()));
    if (!e) return {};
    std::string out(e);
    curl_free(e);
    return out;
  }

 private:
  CURLcode once(Method method, const std::string& url, std::string_view body,
                std::string_view content_type, std::string_view accept, Auth auth,
                Response& response) {
    CURL* h = m_easy.get();
    m_error[0] = '\0';
    std::string credentials = m_endpoint.user + ':' + m_endpoint.password;
    Slist headers;
    auto add_header = [&](std::string line) {
      curl_slist* next = curl_slist_append(headers.get(), line.c_str());
      if (next) {
        (void)headers.release();
        headers.reset(next);
      }
    };
    if (!content_type.empty()) add_header("Content-Type: " + std::string(content_type));
    if (!accept.empty()) add_header("Accept: " + std::string(accept));
    add_header("Expect:");  // Virtuoso does not answer 100-continue; curl would wait 1 s

    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, m_error);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(std::min<std::chrono::milliseconds>(
                                           m_endpoint.timeout, std::chrono::seconds(10))
                                           .count()));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS,
                     static_cast<long>(
                         std::chrono::duration_cast<std::chrono::milliseconds>(m_endpoint.timeout)
                             .count()));
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &append_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // gzip if the server offers it
    if (auth == Auth::digest) {
      curl_easy_setopt(h, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_DIGEST));
      curl_easy_setopt(h, CURLOPT_USERPWD, credentials.c_str());
    } else {
      curl_easy_setopt(h, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
      curl_easy_setopt(h, CURLOPT_USERPWD, nullptr);
    }
    switch (method) {
      case Method::get:
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, nullptr);
        curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
        break;
      case Method::put:
      case Method::post:
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method == Method::put ? "PUT" : nullptr);
        break;
    }
    const CURLcode rc = curl_easy_perform(h);
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
    curl_easy_setopt(h, CURLOPT_USERPWD, nullptr);
    return rc;
  }

  Endpoint m_endpoint;
  Easy m_easy;
  char m_error[CURL_ERROR_SIZE] = {};
  bool m_authenticated = false;
};

Result<void> put_graph(Session& session, const Endpoint& endpoint, const std::string& graph_iri,
                       const std::string& body) {
  if (graph_iri.empty())
    return make_error(Errc::usage, "Virtuoso uploads need a named graph (graph IRI is empty)");
  const auto failed = [&](std::string message) {
    return make_error(Errc::io, std::move(message) + "; the graph keeps its previous content");
  };
  if (auto r = session.authenticate(); !r) return failed(r.error().message);
  const std::string url = endpoint.graph_store_url() + "?graph-uri=" + session.escape(graph_iri);
  auto r = session.perform(Method::put, url, body, "application/n-triples", {}, Auth::digest);
  if (!r) return failed(r.error().message);
  if (r->status == 200 || r->status == 201 || r->status == 204) return {};
  return failed("Virtuoso did not replace graph <" + graph_iri + "> at " + endpoint.base_url +
                " (HTTP " + std::to_string(r->status) + "): " + server_message(r->body));
}

// SPARQL 1.1 grammar classes, bytes >= 0x80 taken as name characters (UTF-8).
bool pn_chars_base(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80;
}
bool pn_chars(unsigned char c) {
  return pn_chars_base(c) || c == '_' || c == '-' || (c >= '0' && c <= '9');
}
bool hex(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool pn_local_esc(unsigned char c) {
  return std::string_view("_~.-!$&'()*+,;=/?#@%").find(static_cast<char>(c)) !=
         std::string_view::npos;
}

// Length of an IRIREF at `i` (q[i] == '<'), or 0 when this '<' is an operator.
std::size_t iriref_length(std::string_view q, std::size_t i) {
  for (std::size_t j = i + 1; j < q.size(); ++j) {
    const auto c = static_cast<unsigned char>(q[j]);
    if (c == '>') return j - i + 1;
    if (c <= 0x20 || std::string_view("<\"{}|^`\\").find(static_cast<char>(c)) !=
                         std::string_view::npos)
      return 0;
  }
  return 0;
}

// Length of a string literal at `i` (q[i] is ' or "), long forms included.
std::size_t string_length(std::string_view q, std::size_t i) {
  const char quote = q[i];
  const bool long_form = q.substr(i, 3) == std::string(3, quote);
  std::size_t j = i + (long_form ? 3 : 1);
  while (j < q.size()) {
    if (q[j] == '\\') {
      j += 2;
      continue;
    }
    if (long_form ? q.substr(j, 3) == std::string(3, quote) : q[j] == quote)
      return j + (long_form ? 3 : 1) - i;
    if (!long_form && (q[j] == '\n' || q[j] == '\r')) break;
    ++j;
  }
  return q.size() - i;  // unterminated: leave the rest as it is
}

}  // namespace

std::string expand_escaped_local_names(std::string_view q) {
  std::map<std::string, std::string, std::less<>> prefixes;
  std::string out;
  out.reserve(q.size());
  std::size_t i = 0;
  bool after_prefix_keyword = false;
  std::string declaring;  // prefix named by the last PREFIX keyword
  while (i < q.size()) {
    const auto c = static_cast<unsigned char>(q[i]);
    if (c == '#') {  // comment to end of line
      const auto e = q.find('\n', i);
      const auto n = (e == std::string_view::npos ? q.size() : e) - i;
      out.append(q.substr(i, n));
      i += n;
      continue;
    }
    if (c == '"' || c == '\'') {
      const auto n = string_length(q, i);
      out.append(q.substr(i, n));
      i += n;
      continue;
    }
    if (c == '<') {
      if (const auto n = iriref_length(q, i); n > 0) {
        if (!declaring.empty() || after_prefix_keyword)
          prefixes[declaring] = std::string(q.substr(i + 1, n - 2));
        declaring.clear();
        after_prefix_keyword = false;
        out.append(q.substr(i, n));
        i += n;
        continue;
      }
    }
    if (c == '?' || c == '$') {  // variable: its name is not a prefixed name
      std::size_t j = i + 1;
      while (j < q.size() && pn_chars(static_cast<unsigned char>(q[j]))) ++j;
      out.append(q.substr(i, j - i));
      i = j;
      continue;
    }
    if (pn_chars_base(c) || c == ':' || c == '_' || (c >= '0' && c <= '9')) {
      // A word: keyword, number, blank node label, or PNAME_NS / PNAME_LN.
      std::size_t j = i;
      while (j < q.size() && (pn_chars(static_cast<unsigned char>(q[j])) || q[j] == '.')) ++j;
      while (j > i && q[j - 1] == '.') --j;  // a trailing '.' ends the triple
      const std::string_view word = q.substr(i, j - i);
      if (j >= q.size() || q[j] != ':' || (c >= '0' && c <= '9') || c == '_') {
        if (word.size() == 6 && (word == "PREFIX" || word == "prefix" || word == "Prefix"))
          after_prefix_keyword = true;
        else if (!word.empty())
          after_prefix_keyword = false;
        if (word.empty()) {
          out += static_cast<char>(c);
          ++i;
        } else {
          out.append(word);
          i = j;
        }
        continue;
      }
      // word ':' PN_LOCAL, reading escapes.
      const std::string prefix(word);
      std::size_t k = j + 1;
      std::string local;
      bool escaped = false;
      while (k < q.size()) {
        const auto d = static_cast<unsigned char>(q[k]);
        if (d == '\\' && k + 1 < q.size() && pn_local_esc(static_cast<unsigned char>(q[k + 1]))) {
          local += q[k + 1];
          escaped = true;
          k += 2;
        } else if (d == '%' && k + 2 < q.size() && hex(static_cast<unsigned char>(q[k + 1])) &&
                   hex(static_cast<unsigned char>(q[k + 2]))) {
          local.append(q.substr(k, 3));
          k += 3;
        } else if (pn_chars(d) || d == '.' || d == ':') {
          local += static_cast<char>(d);
          ++k;
        } else {
          break;
        }
      }
      while (k > j + 1 && q[k - 1] == '.' && (k < 2 || q[k - 2] != '\\')) {
        --k;
        local.pop_back();
      }
      if (after_prefix_keyword && local.empty()) {
        declaring = prefix;  // PREFIX p: <…>
        after_prefix_keyword = true;
      }
      const auto ns = prefixes.find(prefix);
      if (escaped && ns != prefixes.end()) {
        out += '<' + ns->second + local + '>';
      } else {
        out.append(q.substr(i, k - i));
      }
      i = k;
      continue;
    }
    if (c > ' ') after_prefix_keyword = after_prefix_keyword && c == ':';
    out += static_cast<char>(c);
    ++i;
  }
  return out;
}

std::string Endpoint::graph_store_url() const { return base_url + "/sparql-graph-crud-auth"; }
std::string Endpoint::sparql_url() const { return base_url + "/sparql"; }

Result<Endpoint> parse_store_uri(std::string_view uri) {
  const auto bad = [&](std::string_view why) {
    return make_error(Errc::usage, "expected a store of the form virtuoso:http://HOST:PORT, found '" +
                                       std::string(uri) + "' (" + std::string(why) + ")");
  };
  if (uri.substr(0, kScheme.size()) != kScheme) return bad("no 'virtuoso:' prefix");
  std::string_view url = uri.substr(kScheme.size());
  std::string_view scheme;
  for (std::string_view s : {"http://", "https://"})
    if (url.substr(0, s.size()) == s) scheme = s;
  if (scheme.empty()) return bad("the URL must start with http:// or https://");
  std::string_view rest = url.substr(scheme.size());
  Endpoint endpoint;
  const auto slash = rest.find('/');
  const auto at = rest.find('@');
  if (at != std::string_view::npos && at < slash) {
    const std::string_view userinfo = rest.substr(0, at);
    const auto colon = userinfo.find(':');
    endpoint.user = std::string(userinfo.substr(0, colon));
    endpoint.password =
        colon == std::string_view::npos ? std::string() : std::string(userinfo.substr(colon + 1));
    if (endpoint.user.empty()) return bad("empty user name");
    rest = rest.substr(at + 1);
  }
  std::string_view authority = rest.substr(0, rest.find('/'));
  if (authority.empty() || authority.front() == ':') return bad("no host");
  if (authority.find_first_of(" ?#") != std::string_view::npos) return bad("bad host");
  std::string_view path = rest.substr(authority.size());
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  constexpr std::string_view kSparql = "/sparql";
  if (path.size() >= kSparql.size() && path.substr(path.size() - kSparql.size()) == kSparql)
    path.remove_suffix(kSparql.size());
  if (path.find_first_of("?#") != std::string_view::npos) return bad("query or fragment in URL");
  endpoint.base_url = std::string(scheme) + std::string(authority) + std::string(path);
  return endpoint;
}

Result<void> replace_graph(const Endpoint& endpoint, const std::string& graph_iri,
                           const std::string& body, std::string_view content_type) {
  const std::string_view type = content_type.substr(0, content_type.find(';'));
  rdfio::Format format;
  if (type == "application/n-triples") format = rdfio::Format::ntriples;
  else if (type == "text/turtle") format = rdfio::Format::turtle;
  else
    return make_error(Errc::usage, "Virtuoso uploads take application/n-triples or text/turtle, not " +
                                       std::string(content_type));
  // Parsed here so that nothing Virtuoso would half-load is sent (see the header).
  KG_TRY(rdfio::Dataset parsed, rdfio::parse_text(body, format, "<" + graph_iri + "> body", {}));
  std::vector<const ontology::Quad*> quads;
  quads.reserve(parsed.quads.size());
  for (const auto& q : parsed.quads) quads.push_back(&q);
  Session session(endpoint);
  return put_graph(session, endpoint, graph_iri, ntriples_body(quads));
}

Result<std::string> sparql(const Endpoint& endpoint, std::string_view query,
                           std::string_view accept) {
  Session session(endpoint);
  const std::string form = "query=" + session.escape(expand_escaped_local_names(query));
  KG_TRY(Response r, session.perform(Method::post, endpoint.sparql_url(), form,
                                     "application/x-www-form-urlencoded", accept, Auth::none));
  if (r.status == 200) return std::move(r.body);
  return make_error(r.status == 400 ? Errc::parse : Errc::io,
                    "Virtuoso at " + endpoint.sparql_url() + " answered HTTP " +
                        std::to_string(r.status) + ": " + server_message(r.body));
}

std::string ntriples_body(const std::vector<const ontology::Quad*>& quads) {
  std::string out;
  out.reserve(quads.size() * 160);
  for (const ontology::Quad* q : quads) {
    out += q->to_nquads(false);
    out += '\n';
  }
  return out;
}

Result<LoadStats> load_dataset(const Endpoint& endpoint, const rdfio::Dataset& dataset) {
  std::map<std::string, std::vector<const ontology::Quad*>> graphs;
  for (const ontology::Quad& q : dataset.quads) {
    if (q.graph.str().empty())
      return make_error(Errc::usage,
                        "Virtuoso loads named graphs only; a triple is in the default graph: " +
                            q.to_nquads(false));
    graphs[q.graph.str()].push_back(&q);
  }
  LoadStats stats;
  const auto start = std::chrono::steady_clock::now();
  Session session(endpoint);
  for (const auto& [iri, quads] : graphs) {
    const std::string body = ntriples_body(quads);
    if (auto r = put_graph(session, endpoint, iri, body); !r) {
      Error e = r.error();
      e.message += " (" + std::to_string(stats.graphs) + " of " + std::to_string(graphs.size()) +
                   " graphs replaced before it; the others left as they were)";
      return e;
    }
    ++stats.graphs;
    stats.triples += quads.size();
    stats.bytes += body.size();
  }
  stats.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return stats;
}

}  // namespace kg::store::virtuoso
