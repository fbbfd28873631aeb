// Helpers shared by the forms unit tests: one-field and small forms built from JSON literals.
#pragma once
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "kiosk/forms/form_spec.h"

namespace kiosk::forms::test {

using nlohmann::json;

inline json lt(const char* en, const char* es) { return {{"en", en}, {"es", es}}; }

inline json form_json(const json& steps, const char* id = "t") {
  return {{"id", id},
          {"version", 1},
          {"code_prefix", "TT"},
          {"title", lt("Test", "Prueba")},
          {"steps", steps}};
}

inline json step_json(const char* id, const json& fields) {
  return {{"id", id}, {"title", lt("Step", "Paso")}, {"fields", fields}};
}

inline FormSpec load_ok(const json& form) {
  auto r = load_form(form.at("id").get<std::string>() + ".json", form.dump());
  INFO((r.errors.empty() ? std::string() : r.errors.front()));
  REQUIRE(r.errors.empty());
  return *r.form;
}

// A form of one step holding `field`, whose id must be "f".
inline FormSpec one_field(json field) {
  field["id"] = "f";
  if (!field.contains("label")) field["label"] = lt("Field", "Campo");
  return load_ok(form_json(json::array({step_json("s", json::array({field}))})));
}

}  // namespace kiosk::forms::test
