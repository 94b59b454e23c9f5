// Tables behind ontology/vocab.hpp. Order of each table follows the enum.
#include <array>

#include "ontology/vocab.hpp"

namespace kg::ontology {
namespace {

struct ClassInfo {
  std::string_view name;
  std::string_view slug;
  std::optional<Class> parent;
};
constexpr std::array<ClassInfo, kClassCount> kClasses{{
    {"Agent", "agent", std::nullopt},
    {"Person", "person", Class::Agent},
    {"Organization", "organization", Class::Agent},
    {"GovernmentBody", "government-body", Class::Organization},
    {"Group", "group", Class::Agent},
    {"Place", "place", std::nullopt},
    {"Country", "country", Class::Place},
    {"Region", "region", Class::Place},
    {"Settlement", "settlement", Class::Place},
    {"Waterbody", "waterbody", Class::Place},
    {"Event", "event", std::nullopt},
    {"Document", "document", std::nullopt},
    {"LegalInstrument", "legal-instrument", Class::Document},
    {"Publication", "publication", Class::Document},
    {"Statistic", "statistic", std::nullopt},
    {"SourceDocument", "source", Class::Document},
    {"Assertion", "assertion", std::nullopt},
}};

using C = Class;
// Domain/range lists (spec table "Object properties").
constexpr C kPerson[] = {C::Person};
constexpr C kOrg[] = {C::Organization};
constexpr C kOrgCountryGroup[] = {C::Organization, C::Country, C::Group};
constexpr C kPlace[] = {C::Place};
constexpr C kDocument[] = {C::Document};
constexpr C kAgent[] = {C::Agent};
constexpr C kLegal[] = {C::LegalInstrument};
constexpr C kEvent[] = {C::Event};
constexpr C kDocOrStat[] = {C::Document, C::Statistic};
constexpr C kGroupPerson[] = {C::Group, C::Person};
constexpr C kGroupPersonOrg[] = {C::Group, C::Person, C::Organization};
constexpr C kSource[] = {C::SourceDocument};
constexpr C kDocEventStat[] = {C::Document, C::Event, C::Statistic};
constexpr C kStatistic[] = {C::Statistic};
constexpr C kAssertion[] = {C::Assertion};

struct PropertyInfo {
  std::string_view name;
  std::span<const Class> domain;
  std::span<const Class> range;
};
constexpr std::array<PropertyInfo, kPropertyCount> kProperties{{
    {"memberOf", kPerson, kOrg},
    {"affiliatedWith", kPerson, kOrg},
    {"leaderOf", kPerson, kOrgCountryGroup},
    {"partOf", kOrg, kOrg},
    {"basedIn", kOrg, kPlace},
    {"operatedBy", kOrg, kOrg},
    {"locatedIn", kPlace, kPlace},
    {"borders", kPlace, kPlace},
    {"issuedBy", kDocument, kAgent},
    {"signedBy", kDocument, kAgent},
    {"party", kLegal, kAgent},
    {"addressedTo", kDocument, kAgent},
    {"author", kDocument, kAgent},
    {"signedAt", kDocument, kPlace},
    {"supersedes", kDocument, kDocument},
    {"authorizes", kLegal, kEvent},
    {"about", kDocOrStat, {}},
    {"carriedOutBy", kEvent, kAgent},
    {"orderedBy", kEvent, kAgent},
    {"affected", kEvent, kGroupPerson},
    {"origin", kEvent, kPlace},
    {"destination", kEvent, kPlace},
    {"location", kEvent, kPlace},
    {"migratedTo", kGroupPerson, kPlace},
    {"migratedFrom", kGroupPerson, kPlace},
    {"residesIn", kGroupPersonOrg, kPlace},
    {"mentionedIn", {}, kSource},
}};

using D = Datatype;
constexpr D kDates[] = {D::date, D::gYearMonth, D::gYear};
constexpr D kString[] = {D::string};
constexpr D kDecimal[] = {D::decimal};
constexpr D kInteger[] = {D::integer};

struct DataPropertyInfo {
  std::string_view name;
  std::span<const Class> domain;
  std::span<const Datatype> types;
};
constexpr std::array<DataPropertyInfo, kDataPropertyCount> kDataProperties{{
    {"date", kDocEventStat, kDates},
    {"startDate", kEvent, kDates},
    {"endDate", kEvent, kDates},
    {"value", kStatistic, kDecimal},
    {"unit", kStatistic, kString},
    {"measure", kStatistic, kString},
    {"position", kPerson, kString},
    {"identifier", kDocument, kString},
    {"evidence", kAssertion, kString},
    {"charStart", kAssertion, kInteger},
    {"charEnd", kAssertion, kInteger},
    {"confidence", kAssertion, kDecimal},
    {"rule", kAssertion, kString},
    {"fileName", kSource, kString},
    {"sha256", kSource, kString},
    {"byteSize", kSource, kInteger},
}};

template <class Enum, class Table>
std::optional<Enum> lookup(const Table& table, std::string_view local) {
  for (std::size_t i = 0; i < table.size(); ++i)
    if (table[i].name == local) return static_cast<Enum>(i);
  return std::nullopt;
}

}  // namespace

std::string_view local_name(Class c) { return kClasses[static_cast<std::size_t>(c)].name; }
std::string_view local_name(Property p) { return kProperties[static_cast<std::size_t>(p)].name; }
std::string_view local_name(DataProperty p) {
  return kDataProperties[static_cast<std::size_t>(p)].name;
}
std::optional<Class> class_from_name(std::string_view local) {
  return lookup<Class>(kClasses, local);
}
std::optional<Property> property_from_name(std::string_view local) {
  return lookup<Property>(kProperties, local);
}
std::optional<DataProperty> data_property_from_name(std::string_view local) {
  return lookup<DataProperty>(kDataProperties, local);
}

std::string iri(Class c) { return std::string(kNamespace) + std::string(local_name(c)); }
std::string iri(Property p) { return std::string(kNamespace) + std::string(local_name(p)); }
std::string iri(DataProperty p) { return std::string(kNamespace) + std::string(local_name(p)); }
std::string iri(Datatype d) {
  std::string_view local;
  switch (d) {
    case Datatype::string: local = "string"; break;
    case Datatype::date: local = "date"; break;
    case Datatype::gYearMonth: local = "gYearMonth"; break;
    case Datatype::gYear: local = "gYear"; break;
    case Datatype::decimal: local = "decimal"; break;
    case Datatype::integer: local = "integer"; break;
  }
  return std::string(vocab::kXsd) + std::string(local);
}

std::string_view slug(Class c) { return kClasses[static_cast<std::size_t>(c)].slug; }
std::optional<Class> superclass(Class c) { return kClasses[static_cast<std::size_t>(c)].parent; }
bool is_a(Class c, Class ancestor) {
  for (std::optional<Class> k = c; k; k = superclass(*k))
    if (*k == ancestor) return true;
  return false;
}
std::span<const Class> domain(Property p) { return kProperties[static_cast<std::size_t>(p)].domain; }
std::span<const Class> range(Property p) { return kProperties[static_cast<std::size_t>(p)].range; }
std::span<const Class> domain(DataProperty p) {
  return kDataProperties[static_cast<std::size_t>(p)].domain;
}
std::span<const Datatype> datatypes(DataProperty p) {
  return kDataProperties[static_cast<std::size_t>(p)].types;
}

}  // namespace kg::ontology
