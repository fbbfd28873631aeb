// Conversions between Answers and JSON (answers files, stored payloads) and review display text.
#include "kiosk/forms/answers_json.h"
#include "kiosk/forms/phone_intl.h"

#include <cmath>
#include <limits>

namespace kiosk::forms {
namespace {

using nlohmann::json;

LocalText msg(std::string en, std::string es) { return LocalText{std::move(en), std::move(es)}; }

FieldError shape_error(const FieldSpec& f, LocalText m) {
  return FieldError::with_text(f.id, Part::None, std::move(m));
}

const LocalText kExpectText =
    msg("Expected text (a JSON string).", "Se esperaba texto (una cadena JSON).");

bool read_string(const json& v, SecureString& out) {
  if (!v.is_string()) return false;
  const auto& s = v.get_ref<const std::string&>();
  out.assign(s.data(), s.size());
  return true;
}

std::optional<FieldError> read_address(const FieldSpec& f, const json& v, Address& out) {
  LocalText expect =
      msg("Expected an address {\"street\", \"unit\", \"city\", \"state\", \"zip\"} of strings.",
          "Se esperaba una dirección {\"street\", \"unit\", \"city\", \"state\", \"zip\"} con "
          "cadenas.");
  if (!v.is_object()) return shape_error(f, expect);
  for (const auto& [key, value] : v.items()) {
    Part p = key == "street"  ? Part::Street
             : key == "unit"  ? Part::Unit
             : key == "city"  ? Part::City
             : key == "state" ? Part::State
             : key == "zip"   ? Part::Zip
                              : Part::None;
    if (p == Part::None || !read_string(value, out.part(p))) return shape_error(f, expect);
  }
  return std::nullopt;
}

std::optional<FieldError> read_signature(const FieldSpec& f, const json& v, Signature& out) {
  LocalText expect =
      msg("Expected {\"strokes\": [[[x, y], ...], ...]} with x and y from 0 to 1 (at most " +
              std::to_string(kMaxSignatureStrokes) + " strokes, " +
              std::to_string(kMaxSignaturePoints) + " points).",
          "Se esperaba {\"strokes\": [[[x, y], ...], ...]} con x e y entre 0 y 1 (como máximo " +
              std::to_string(kMaxSignatureStrokes) + " trazos, " +
              std::to_string(kMaxSignaturePoints) + " puntos).");
  if (v.is_object() && v.contains("typed_name")) {
    // Typed in place of drawn: the name alone (strokes beside it would be two signatures).
    LocalText typed = msg("Expected {\"typed_name\": \"Full Name\"} alone (no strokes with it).",
                          "Se esperaba {\"typed_name\": \"Nombre Completo\"} solo (sin trazos).");
    if (v.size() != 1) return shape_error(f, typed);
    out.set_typed(true);
    if (!read_string(v.at("typed_name"), out.typed_name_slot())) return shape_error(f, typed);
    return std::nullopt;
  }
  if (!v.is_object() || !v.contains("strokes") || !v.at("strokes").is_array())
    return shape_error(f, expect);
  for (const auto& [key, value] : v.items()) {
    (void)value;  // the PNG and its size are always recomputed from the strokes
    if (key != "strokes" && key != "png_base64" && key != "png_width" && key != "png_height")
      return shape_error(f, expect);
  }
  for (const auto& stroke : v.at("strokes")) {
    if (!stroke.is_array() || !out.begin_stroke()) return shape_error(f, expect);
    for (const auto& pt : stroke) {
      if (!pt.is_array() || pt.size() != 2 || !pt[0].is_number() || !pt[1].is_number())
        return shape_error(f, expect);
      double x = pt[0].get<double>(), y = pt[1].get<double>();
      if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1))
        return shape_error(f, expect);  // never clamp input
      if (!out.add_point(static_cast<float>(x), static_cast<float>(y)))
        return shape_error(f, expect);
    }
  }
  return std::nullopt;
}

std::optional<FieldError> read_answer(const FieldSpec& f, const json& v, Answer& a) {
  switch (f.type) {
    case FieldType::Number: {
      if (!v.is_number_integer())
        return shape_error(
            f, msg("Expected a whole number, like 3.", "Se esperaba un número entero, como 3."));
      if (v.is_number_unsigned() &&
          v.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<long long>::max()))
        a.number = std::numeric_limits<long long>::max();  // out of every range: validation says so
      else
        a.number = v.get<long long>();
      return std::nullopt;
    }
    case FieldType::MultiChoice: {
      LocalText expect =
          msg("Expected a list of choice ids.", "Se esperaba una lista de ids de opciones.");
      if (!v.is_array()) return shape_error(f, expect);
      for (const auto& item : v) {
        if (!item.is_string()) return shape_error(f, expect);
        const Choice* c = f.find_choice(item.get_ref<const std::string&>());
        if (!c)
          return shape_error(
              f, msg("Choose only the options shown.", "Elija solo las opciones que se muestran."));
        a.chosen[static_cast<std::size_t>(c - f.choices.data())] = 1;
      }
      return std::nullopt;
    }
    case FieldType::AddressUs: return read_address(f, v, a.address);
    case FieldType::Consent: {
      LocalText expect = msg("Expected true or false (or {\"agreed\": true}).",
                             "Se esperaba true o false (o {\"agreed\": true}).");
      if (v.is_boolean()) {
        a.agreed = v.get<bool>();
        return std::nullopt;
      }
      if (!v.is_object() || !v.contains("agreed") || !v.at("agreed").is_boolean())
        return shape_error(f, expect);
      for (const auto& [key, value] : v.items()) {
        if (key == "agreed") continue;
        if (key != "text_sha256" || !value.is_string()) return shape_error(f, expect);
        if (value.get_ref<const std::string&>() != f.consent_sha256)
          return shape_error(f, msg("The agreement text has changed since this answer was given: "
                                    "read it and agree again.",
                                    "El texto del acuerdo cambió desde que se dio esta respuesta: "
                                    "léalo y acepte de nuevo."));
      }
      a.agreed = v.at("agreed").get<bool>();
      return std::nullopt;
    }
    case FieldType::Signature: return read_signature(f, v, a.signature);
    default:
      if (!read_string(v, a.text)) return shape_error(f, kExpectText);
      return std::nullopt;
  }
}

std::string to_upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  return out;
}

std::string normalized_email(std::string_view s) {
  std::string out(s);
  for (std::size_t i = out.rfind('@') + 1; i < out.size(); ++i)
    if (out[i] >= 'A' && out[i] <= 'Z') out[i] = static_cast<char>(out[i] + 32);
  return out;
}

json signature_json(const Signature& sig, bool normalise) {
  if (sig.typed()) {
    std::string_view name = sig.typed_name();
    return {{"typed_name", std::string(normalise ? trim(name) : name)}};
  }
  const bool with_png = normalise;
  json strokes = json::array();
  for (std::size_t s = 0; s < sig.stroke_count(); ++s) {
    json pts = json::array();
    for (const Point& p : sig.stroke(s))  // 4 decimals: 0.1 px on a 1000-px pad, a compact payload
      pts.push_back({std::round(p.x * 10000.0) / 10000.0, std::round(p.y * 10000.0) / 10000.0});
    strokes.push_back(std::move(pts));
  }
  json out = {{"strokes", std::move(strokes)}};
  if (with_png) {
    SecureString png = signature_png(sig);
    SecureString b64 = base64_encode(png);
    out["png_base64"] = std::string(b64.data(), b64.size());
    out["png_width"] = kSignaturePngWidth;
    out["png_height"] = kSignaturePngHeight;
  }
  return out;
}

// The JSON of one non-empty answer; `normalise` trims and canonicalises (stored payload) or keeps
// the text as given (answers file).
json answer_json(const FieldSpec& f, const Answer& a, bool normalise) {
  std::string_view t = trim(a.text);
  switch (f.type) {
    case FieldType::Number: return *a.number;
    case FieldType::MultiChoice: {
      json ids = json::array();
      for (std::size_t i = 0; i < f.choices.size(); ++i)
        if (a.chosen[i]) ids.push_back(f.choices[i].id);
      return ids;
    }
    case FieldType::AddressUs: {
      json o = json::object();
      for (Part p : {Part::Street, Part::Unit, Part::City, Part::State, Part::Zip}) {
        std::string_view v = trim(a.address.part(p));
        if (p == Part::Unit && v.empty()) continue;
        if (normalise && p == Part::State)
          o[part_name(p)] = to_upper_ascii(v);
        else if (normalise && p == Part::Zip)
          o[part_name(p)] = normalize_zip(v);
        else
          o[part_name(p)] = std::string(normalise ? v : std::string_view(a.address.part(p)));
      }
      return o;
    }
    case FieldType::Consent: return {{"agreed", a.agreed}, {"text_sha256", f.consent_sha256}};
    case FieldType::Signature: return signature_json(a.signature, normalise);
    case FieldType::PhoneUs:
      if (normalise) return "+1" + phone_digits(t);
      break;
    case FieldType::PhoneIntl:
      if (normalise) return e164(t);
      break;
    case FieldType::Email:
      if (normalise) return normalized_email(t);
      break;
    case FieldType::Time:
      if (normalise) return format_time(*parse_time(t));
      break;
    default: break;
  }
  return std::string(normalise ? t : std::string_view(a.text));
}

void append(SecureString& out, std::string_view s) { out.append(s.data(), s.size()); }

}  // namespace

std::vector<FieldError> answers_from_json(const nlohmann::json& obj, Answers& out) {
  std::vector<FieldError> errors;
  if (!obj.is_object()) {
    errors.push_back(FieldError::with_text(
        "(answers)", Part::None,
        msg("Expected a JSON object of answers: {\"field_id\": value, ...}.",
            "Se esperaba un objeto JSON de respuestas: {\"id_del_campo\": valor, ...}.")));
    return errors;
  }
  for (const auto& [key, value] : obj.items()) {
    const FieldSpec* f = out.form().find_field(key);
    if (!f) {
      errors.push_back(
          FieldError::with_text(key, Part::None,
                                msg("Not a field of form " + out.form().id +
                                        " (see kiosk --answers-example " + out.form().id + ").",
                                    "No es un campo del formulario " + out.form().id +
                                        " (vea kiosk --answers-example " + out.form().id + ").")));
      continue;
    }
    if (value.is_null()) continue;  // unanswered
    if (auto e = read_answer(*f, value, out.at(key))) errors.push_back(std::move(*e));
  }
  return errors;
}

json normalized_answers(const Answers& answers) {
  json out = json::object();
  for (const FieldSpec* f : answers.form().all_fields()) {
    const Answer& a = answers.at(f->id);
    if (!answers.is_visible(*f) || a.is_empty(f->type)) continue;
    if (is_text_type(f->type) || f->type == FieldType::PhoneUs || f->type == FieldType::PhoneIntl)
      if (trim(a.text).empty()) continue;
    out[f->id] = answer_json(*f, a, true);
  }
  return out;
}

json answers_file_json(const Answers& answers) {
  json out = json::object();
  for (const FieldSpec* f : answers.form().all_fields()) {
    const Answer& a = answers.at(f->id);
    if (!a.is_empty(f->type)) out[f->id] = answer_json(*f, a, false);
  }
  return out;
}

void wipe_json(nlohmann::json& j) {
  if (j.is_string()) {
    wipe_buffer(j.get_ref<std::string&>());
  } else if (j.is_structured()) {
    for (auto& item : j) wipe_json(item);
  }
}

SecureString display_answer(const FieldSpec& f, const Answer& a, Lang lang) {
  SecureString out;
  if (a.is_empty(f.type)) return out;
  std::string_view t = trim(a.text);
  switch (f.type) {
    case FieldType::PhoneIntl: {
      // A US number reads as a phone_us one; any other as "+44 20 7946 0958".
      std::string n = e164(t);
      if (!n.empty() && !n.starts_with("+1")) {
        std::string shown = format_e164(n);
        append(out, shown);
        wipe_buffer(shown);
        wipe_buffer(n);
        break;
      }
      wipe_buffer(n);
      [[fallthrough]];
    }
    case FieldType::PhoneUs: {
      std::string d = phone_digits(t);
      if (d.empty()) {
        append(out, t);
      } else {  // "(555) 555-0123", built in `out` so no unzeroed copy is left behind
        append(out, "(");
        append(out, std::string_view(d).substr(0, 3));
        append(out, ") ");
        append(out, std::string_view(d).substr(3, 3));
        append(out, "-");
        append(out, std::string_view(d).substr(6));
      }
      wipe_buffer(d);
      break;
    }
    case FieldType::Date:
      if (auto d = parse_date(t))
        append(out, format_date_long(*d, lang));
      else
        append(out, t);
      break;
    case FieldType::Time:
      if (auto tm = parse_time(t))
        append(out, format_time_display(*tm, lang));
      else
        append(out, t);
      break;
    case FieldType::Number: append(out, std::to_string(*a.number)); break;
    case FieldType::SingleChoice:
      if (const Choice* c = f.find_choice(t)) append(out, c->label.get(lang));
      break;
    case FieldType::MultiChoice:
      for (std::size_t i = 0; i < f.choices.size(); ++i)
        if (a.chosen[i]) {
          if (!out.empty()) append(out, ", ");
          append(out, f.choices[i].label.get(lang));
        }
      break;
    case FieldType::YesNo:
      append(out,
             t == "yes" ? (lang == Lang::Es ? "Sí" : "Yes") : (lang == Lang::Es ? "No" : "No"));
      break;
    case FieldType::Consent: append(out, lang == Lang::Es ? "Aceptado" : "Agreed"); break;
    case FieldType::Signature:
      if (a.signature.typed()) {
        append(out, lang == Lang::Es ? "Firmado escribiendo: " : "Signed by typing: ");
        append(out, trim(std::string_view(a.signature.typed_name())));
      } else {
        append(out, lang == Lang::Es ? "Firmado" : "Signed");
      }
      break;
    case FieldType::AddressUs: {
      const Address& ad = a.address;
      append(out, trim(ad.street));
      if (!trim(ad.unit).empty()) {
        append(out, ", ");
        append(out, trim(ad.unit));
      }
      append(out, "\n");
      append(out, trim(ad.city));
      append(out, ", ");
      append(out, to_upper_ascii(trim(ad.state)));
      append(out, " ");
      append(out, trim(ad.zip));
      break;
    }
    default: append(out, t); break;
  }
  return out;
}

}  // namespace kiosk::forms
