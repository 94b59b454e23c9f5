// The ontology's vocabulary as C++ values: classes, object properties and datatype
// properties of ../shared/spec/ontology.md, their IRIs, class hierarchy, domains and
// ranges, plus the IRIs of the external vocabularies the graph uses.
// Every constant is checked against ontology.ttl by tests/ontology/test_vocab.cpp.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace kg::ontology {

/// Ontology namespace (Turtle prefix `kg`).
inline constexpr std::string_view kNamespace = "https://w3id.org/kgbuild/ontology#";
/// Base of entity IRIs: <kResourceBase><class-slug>/<name-slug>.
inline constexpr std::string_view kResourceBase = "https://w3id.org/kgbuild/resource/";

/// Classes of the ontology (spec table "Classes").
enum class Class {
  Agent, Person, Organization, GovernmentBody, Group,
  Place, Country, Region, Settlement, Waterbody,
  Event, Document, LegalInstrument, Publication,
  Statistic, SourceDocument, Assertion,
};
inline constexpr int kClassCount = 17;

/// Object properties (spec table "Object properties").
enum class Property {
  memberOf, affiliatedWith, leaderOf, partOf, basedIn, operatedBy, locatedIn, borders,
  issuedBy, signedBy, party, addressedTo, author, signedAt, supersedes, authorizes, about,
  carriedOutBy, orderedBy, affected, origin, destination, location, migratedTo,
  migratedFrom, residesIn, mentionedIn,
};
inline constexpr int kPropertyCount = 27;

/// Datatype properties (spec tables "Datatype properties" and "Provenance", plus the
/// SourceDocument fields).
enum class DataProperty {
  date, startDate, endDate, value, unit, measure, position, identifier,
  evidence, charStart, charEnd, confidence, rule, fileName, sha256, byteSize,
};
inline constexpr int kDataPropertyCount = 16;

/// XSD datatypes a DataProperty value may carry.
enum class Datatype { string, date, gYearMonth, gYear, decimal, integer };

std::string_view local_name(Class c);
std::string_view local_name(Property p);
std::string_view local_name(DataProperty p);
std::optional<Class> class_from_name(std::string_view local);
std::optional<Property> property_from_name(std::string_view local);
std::optional<DataProperty> data_property_from_name(std::string_view local);

/// Full IRI of a term: kNamespace + local name.
std::string iri(Class c);
std::string iri(Property p);
std::string iri(DataProperty p);
/// Full XSD IRI ("http://www.w3.org/2001/XMLSchema#date").
std::string iri(Datatype d);

/// Lower-case path segment used in entity IRIs ("person", "government-body").
std::string_view slug(Class c);
/// Direct superclass, or nullopt for a root class.
std::optional<Class> superclass(Class c);
/// True when `c` equals `ancestor` or is a (transitive) subclass of it.
bool is_a(Class c, Class ancestor);
/// Domain and range as lists of classes (a value is acceptable when is_a one of them;
/// an empty range list means "anything").
std::span<const Class> domain(Property p);
std::span<const Class> range(Property p);
std::span<const Class> domain(DataProperty p);
/// Datatypes allowed for a datatype property.
std::span<const Datatype> datatypes(DataProperty p);

}  // namespace kg::ontology

// External vocabularies (full IRIs), one constant each.
namespace kg::vocab {
inline constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr std::string_view kRdfs = "http://www.w3.org/2000/01/rdf-schema#";
inline constexpr std::string_view kOwl = "http://www.w3.org/2002/07/owl#";
inline constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";
inline constexpr std::string_view kSkos = "http://www.w3.org/2004/02/skos/core#";
inline constexpr std::string_view kProv = "http://www.w3.org/ns/prov#";
inline constexpr std::string_view kSh = "http://www.w3.org/ns/shacl#";
inline constexpr std::string_view kSchema = "https://schema.org/";
inline constexpr std::string_view kFoaf = "http://xmlns.com/foaf/0.1/";
inline constexpr std::string_view kDcterms = "http://purl.org/dc/terms/";
inline constexpr std::string_view kTime = "http://www.w3.org/2006/time#";

inline const std::string rdf_type = std::string(kRdf) + "type";             ///< rdf:type
inline const std::string rdf_subject = std::string(kRdf) + "subject";       ///< rdf:subject
inline const std::string rdf_predicate = std::string(kRdf) + "predicate";   ///< rdf:predicate
inline const std::string rdf_object = std::string(kRdf) + "object";         ///< rdf:object
inline const std::string rdfs_label = std::string(kRdfs) + "label";         ///< rdfs:label
inline const std::string skos_altLabel = std::string(kSkos) + "altLabel";   ///< skos:altLabel
inline const std::string prov_wasDerivedFrom = std::string(kProv) + "wasDerivedFrom";  ///< prov:wasDerivedFrom
}  // namespace kg::vocab
