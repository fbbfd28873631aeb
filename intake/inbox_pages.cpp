// The inbox's templates and words (see inbox_pages.h). Templates live here as strings so the
// binary needs no template directory at run time; AUTOESCAPE makes ctemplate escape each variable
// for its context (text, attribute, URL), so no page is built by concatenating untrusted text.
#include "intake/inbox_pages.h"

#include <map>
#include <stdexcept>
#include <utility>

namespace intake::pages {

namespace {

const std::map<std::string, std::pair<const char*, const char*>>& words() {
  static const std::map<std::string, std::pair<const char*, const char*>> w = {
      {"title", {"Staff inbox", "Bandeja del personal"}},
      {"login", {"Log in", "Iniciar sesión"}},
      {"logout", {"Log out", "Cerrar sesión"}},
      {"user", {"User name", "Nombre de usuario"}},
      {"password", {"Password", "Contraseña"}},
      {"login_failed",
       {"That user name and password did not work, or the account is locked or disabled. Try "
        "again later or ask an administrator.",
        "Ese nombre de usuario y contraseña no funcionaron, o la cuenta está bloqueada o "
        "desactivada. Vuelva a intentarlo más tarde o consulte a un administrador."}},
      {"inbox", {"Inbox", "Bandeja"}},
      {"fleet", {"Kiosks", "Quioscos"}},
      {"admin", {"Users and kiosks", "Usuarios y quioscos"}},
      {"other_lang", {"Español", "English"}},
      {"form", {"Form", "Formulario"}},
      {"any", {"Any", "Cualquiera"}},
      {"program", {"Program", "Programa"}},
      {"event", {"Event", "Evento"}},
      {"event_tag", {"Event tag", "Etiqueta del evento"}},
      {"status", {"Status", "Estado"}},
      {"age", {"Received in the last (days)", "Recibidas en los últimos (días)"}},
      {"code", {"Confirmation code", "Código de confirmación"}},
      {"filter", {"Show", "Mostrar"}},
      {"received", {"Received", "Recibida"}},
      {"open", {"Open", "Abrir"}},
      {"none", {"Nothing matches.", "No hay nada que coincida."}},
      {"signups_csv", {"Sign-up list (CSV)", "Lista de inscripciones (CSV)"}},
      {"download", {"Download CSV", "Descargar CSV"}},
      {"record", {"Request", "Solicitud"}},
      {"answers", {"Answers", "Respuestas"}},
      {"question", {"Question", "Pregunta"}},
      {"answer", {"Answer", "Respuesta"}},
      {"visitor_lang", {"Visitor's language", "Idioma del visitante"}},
      {"kiosk", {"Kiosk", "Quiosco"}},
      {"change_status", {"Change the status", "Cambiar el estado"}},
      {"new_status", {"New status", "Nuevo estado"}},
      {"note", {"Internal note (staff only)", "Nota interna (solo para el personal)"}},
      {"public_en",
       {"Next step shown to the visitor, English (empty: the status's usual text)",
        "Siguiente paso que verá el visitante, en inglés (vacío: el texto habitual del estado)"}},
      {"public_es",
       {"Next step shown to the visitor, Spanish (empty: the status's usual text)",
        "Siguiente paso que verá el visitante, en español (vacío: el texto habitual del estado)"}},
      {"save", {"Save", "Guardar"}},
      {"history", {"History", "Historial"}},
      {"when", {"When", "Cuándo"}},
      {"who", {"Who", "Quién"}},
      {"saved", {"Status saved.", "Estado guardado."}},
      {"cannot_open",
       {"Your role cannot open this record.", "Su función no le permite abrir este registro."}},
      {"cannot_decrypt",
       {"This record cannot be opened: none of the inbox's department keys matches it.",
        "Este registro no se puede abrir: ninguna de las claves del departamento coincide."}},
      {"signature_drawn", {"Drawn signature", "Firma dibujada"}},
      {"signature_typed", {"Signed by typing:", "Firmado escribiendo:"}},
      {"yes", {"Yes", "Sí"}},
      {"no", {"No", "No"}},
      {"last_heartbeat", {"Last heartbeat", "Último latido"}},
      {"version", {"Version", "Versión"}},
      {"pending", {"Pending", "Pendientes"}},
      {"oldest_pending", {"Oldest pending", "Pendiente más antiguo"}},
      {"last_error", {"Last error", "Último error"}},
      {"paused", {"Paused", "En pausa"}},
      {"demo", {"Demo", "Demostración"}},
      {"pin_lockouts", {"PIN lockouts (24 h)", "Bloqueos de PIN (24 h)"}},
      {"silent", {"SILENT", "SIN SEÑAL"}},
      {"never", {"never", "nunca"}},
      {"silent_note",
       {"A kiosk silent for 3 of its heartbeat intervals is red and listed first.",
        "Un quiosco sin señal durante 3 de sus intervalos de latido aparece en rojo y primero."}},
      {"users", {"Users", "Usuarios"}},
      {"role", {"Role", "Función"}},
      {"disabled", {"Disabled", "Desactivado"}},
      {"disable", {"Disable", "Desactivar"}},
      {"reset", {"Set new password", "Poner contraseña nueva"}},
      {"add_user", {"Add a user", "Agregar un usuario"}},
      {"kiosks", {"Registered kiosks", "Quioscos registrados"}},
      {"revoke", {"Revoke", "Revocar"}},
      {"register_kiosk", {"Register a kiosk", "Registrar un quiosco"}},
      {"kiosk_id", {"Kiosk id", "Id. del quiosco"}},
      {"public_key", {"Collector public key", "Clave pública del recolector"}},
      {"token_once",
       {"Upload token (shown only this once: put it in the kiosk's [upload] token):",
        "Token de envío (se muestra solo esta vez: póngalo en [upload] token del quiosco):"}},
      {"done", {"Done.", "Hecho."}},
      {"forbidden", {"Not allowed.", "No permitido."}},
  };
  return w;
}

// Every template starts with the AUTOESCAPE pragma: ctemplate then escapes each variable for its
// context. Attributes are always quoted so the escaping is right.
const char* const kHead = R"T({{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="{{LANG}}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{PAGE_TITLE}} · {{T_title}}</title>
<link rel="stylesheet" href="/style.css"></head>
<body><header><strong>{{T_title}}</strong>
{{#NAV}}<a href="/">{{T_inbox}}</a>{{#ADMIN_NAV}} <a href="/fleet">{{T_fleet}}</a>
<a href="/admin">{{T_admin}}</a>{{/ADMIN_NAV}}{{/NAV}}
<a href="{{OTHER_LANG_URL}}" lang="{{OTHER_LANG}}">{{T_other_lang}}</a>
{{#WHO}}<span class="who">{{USER}} ({{ROLE}})</span>
<form class="inline" method="post" action="/logout"><input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit">{{T_logout}}</button></form>{{/WHO}}
</header><main>
)T";

const char* const kLogin = R"T({{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<h1>{{T_login}}</h1>
{{#FAILED}}<p class="error" id="login-error">{{T_login_failed}}</p>{{/FAILED}}
<form method="post" action="/login">
<input type="hidden" name="csrf" value="{{LOGIN_CSRF}}">
<label for="name">{{T_user}}</label><input id="name" name="name" autocomplete="username" required>
<label for="password">{{T_password}}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<p><button type="submit" id="login">{{T_login}}</button></p>
</form>
</main></body></html>
)T";

const char* const kInbox = R"T({{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<h1>{{T_inbox}}</h1>
<form class="filters" method="get" action="/">
<label>{{T_code}}<br><input name="code" id="code" value="{{F_CODE}}" size="14"></label>
<label>{{T_form}}<br><select name="form" id="form"><option value="">{{T_any}}</option>
{{#FORM_OPT}}<option value="{{VALUE}}"{{#SEL}} selected{{/SEL}}>{{VALUE}}</option>{{/FORM_OPT}}
</select></label>
<label>{{T_status}}<br><select name="status" id="status"><option value="">{{T_any}}</option>
{{#STATUS_OPT}}<option value="{{VALUE}}"{{#SEL}} selected{{/SEL}}>{{LABEL}}</option>{{/STATUS_OPT}}
</select></label>
<label>{{T_program}}<br><input name="program" value="{{F_PROGRAM}}" size="12"></label>
<label>{{T_event}}<br><input name="event" value="{{F_EVENT}}" size="12"></label>
<label>{{T_event_tag}}<br><input name="tag" value="{{F_TAG}}" size="12"></label>
<label>{{T_age}}<br><input name="age" value="{{F_AGE}}" size="4"></label>
<button type="submit" id="filter">{{T_filter}}</button>
</form>
<table id="requests"><tr><th>{{T_received}}</th><th>{{T_code}}</th><th>{{T_form}}</th>
<th>{{T_program}}</th><th>{{T_event}}</th><th>{{T_status}}</th><th></th></tr>
{{#ROW}}<tr><td>{{RECEIVED}}</td><td>{{CODE}}</td><td>{{FORM}}</td><td>{{PROGRAM}} {{TAG}}</td>
<td>{{EVENT}}</td><td><span class="badge">{{STATUS}}</span></td>
<td><a class="open" href="/records/{{ID}}">{{T_open}}</a></td></tr>{{/ROW}}
</table>
{{#EMPTY}}<p>{{T_none}}</p>{{/EMPTY}}
{{#CSV}}<h2>{{T_signups_csv}}</h2>
<form class="filters" method="get" action="/signups.csv">
<label>{{T_program}}<br><input name="program" id="csv-program" size="14"></label>
<label>{{T_event}}<br><input name="event" id="csv-event" size="14"></label>
<button type="submit" id="csv">{{T_download}}</button></form>{{/CSV}}
</main></body></html>
)T";

const char* const kRecord = R"T({{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<h1>{{T_record}} {{CODE}}</h1>
{{#SAVED}}<p class="notice">{{T_saved}}</p>{{/SAVED}}
<table id="meta">
<tr><th>{{T_form}}</th><td>{{FORM}} (v{{FORM_VERSION}})</td></tr>
<tr><th>{{T_status}}</th><td id="current-status">{{STATUS}}</td></tr>
<tr><th>{{T_received}}</th><td>{{RECEIVED}}</td></tr>
<tr><th>{{T_program}}</th><td>{{PROGRAM}}</td></tr>
<tr><th>{{T_event}}</th><td>{{EVENT}} {{TAG}}</td></tr>
<tr><th>{{T_kiosk}}</th><td>{{KIOSK}}</td></tr>
<tr><th>{{T_visitor_lang}}</th><td>{{VISITOR_LANG}}</td></tr>
</table>
<h2>{{T_answers}}</h2>
<table id="answers"><tr><th>{{T_question}}</th><th>{{T_answer}}</th></tr>
{{#ANSWER}}<tr><th>{{LABEL}}{{#OTHER}}<br><small lang="{{OTHER_LANG}}">{{OTHER_LABEL}}</small>{{/OTHER}}</th>
<td class="answer">{{#TEXT}}{{VALUE}}{{/TEXT}}{{#IMAGE}}<img class="signature" alt="{{T_signature_drawn}}" src="/records/{{ID}}/signature/{{FIELD}}">{{/IMAGE}}</td></tr>{{/ANSWER}}
</table>
<h2>{{T_change_status}}</h2>
<form method="post" action="/records/{{ID}}/status">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="new-status">{{T_new_status}}</label>
<select name="status" id="new-status">{{#STATUS_OPT}}<option value="{{VALUE}}"{{#SEL}} selected{{/SEL}}>{{LABEL}}</option>{{/STATUS_OPT}}</select>
<label for="note">{{T_note}}</label><textarea name="note" id="note" rows="2"></textarea>
<label for="public-en">{{T_public_en}}</label><textarea name="public_en" id="public-en" rows="2"></textarea>
<label for="public-es">{{T_public_es}}</label><textarea name="public_es" id="public-es" rows="2"></textarea>
<p><button type="submit" id="save-status">{{T_save}}</button></p>
</form>
<h2>{{T_history}}</h2>
<table id="history"><tr><th>{{T_when}}</th><th>{{T_who}}</th><th>{{T_status}}</th><th>{{T_note}}</th></tr>
{{#CHANGE}}<tr><td>{{AT}}</td><td>{{BY}}</td><td>{{FROM}} → {{TO}}</td><td class="answer">{{NOTE}}</td></tr>{{/CHANGE}}
</table>
</main></body></html>
)T";

const char* const kMessage = R"T({{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<h1>{{PAGE_TITLE}}</h1><p class="error" id="message">{{MESSAGE}}</p>
<p><a href="/">{{T_inbox}}</a></p>
</main></body></html>
)T";

const char* const kFleet = R"T({{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<h1>{{T_fleet}}</h1><p>{{T_silent_note}}</p>
<table id="fleet"><tr><th>{{T_kiosk}}</th><th>{{T_last_heartbeat}}</th><th>{{T_version}}</th>
<th>{{T_pending}}</th><th>{{T_oldest_pending}}</th><th>{{T_last_error}}</th><th>{{T_paused}}</th>
<th>{{T_demo}}</th><th>{{T_pin_lockouts}}</th></tr>
{{#KIOSK}}<tr class="{{CLASS}}" data-kiosk="{{NAME}}"><td>{{NAME}}{{#SILENT}} <strong>{{T_silent}}</strong>{{/SILENT}}</td>
<td>{{LAST}}</td><td>{{VERSION}}</td><td>{{PENDING}}</td><td>{{OLDEST}}</td><td>{{ERROR}}</td>
<td>{{PAUSED}}</td><td>{{DEMO}}</td><td>{{LOCKOUTS}}</td></tr>{{/KIOSK}}
</table>
</main></body></html>
)T";

const char* const kAdmin = R"T({{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<h1>{{T_admin}}</h1>
{{#NOTICE}}<p class="notice" id="notice">{{TEXT}}</p>{{/NOTICE}}
{{#TOKEN}}<p class="notice">{{T_token_once}}<br><code id="token">{{VALUE}}</code></p>{{/TOKEN}}
<h2>{{T_users}}</h2>
<table id="users"><tr><th>{{T_user}}</th><th>{{T_role}}</th><th>{{T_disabled}}</th><th></th></tr>
{{#USER_ROW}}<tr><td>{{NAME}}</td><td>{{ROLE}}</td><td>{{DISABLED}}</td><td>
{{#CAN_DISABLE}}<form class="inline" method="post" action="/admin/users/disable"><input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="name" value="{{NAME}}"><button type="submit">{{T_disable}}</button></form>{{/CAN_DISABLE}}
<form class="inline" method="post" action="/admin/users/reset"><input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="name" value="{{NAME}}"><input type="password" name="password" autocomplete="new-password" aria-label="{{T_password}}">
<button type="submit">{{T_reset}}</button></form></td></tr>{{/USER_ROW}}
</table>
<h2>{{T_add_user}}</h2>
<form method="post" action="/admin/users/add"><input type="hidden" name="csrf" value="{{CSRF}}">
<label>{{T_user}} <input name="name" required></label>
<label>{{T_role}} <select name="role"><option>records</option><option>programs</option><option>admin</option></select></label>
<label>{{T_password}} <input type="password" name="password" autocomplete="new-password" required></label>
<p><button type="submit">{{T_add_user}}</button></p></form>
<h2>{{T_kiosks}}</h2>
<table id="kiosks"><tr><th>{{T_kiosk}}</th><th>{{T_kiosk_id}}</th><th>{{T_received}}</th><th></th></tr>
{{#KIOSK_ROW}}<tr><td>{{NAME}}</td><td>{{KIOSK_ID}}</td><td>{{REGISTERED}}</td><td>{{#LIVE}}
<form class="inline" method="post" action="/admin/kiosks/revoke"><input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="name" value="{{NAME}}"><button type="submit">{{T_revoke}}</button></form>{{/LIVE}}{{REVOKED}}</td></tr>{{/KIOSK_ROW}}
</table>
<h2>{{T_register_kiosk}}</h2>
<form method="post" action="/admin/kiosks/add"><input type="hidden" name="csrf" value="{{CSRF}}">
<label>{{T_kiosk}} <input name="name" required></label>
<label>{{T_kiosk_id}} <input name="kiosk_id" required size="40"></label>
<label>{{T_public_key}} <input name="public_key" required size="50"></label>
<p><button type="submit">{{T_register_kiosk}}</button></p></form>
</main></body></html>
)T";

}  // namespace

void register_templates() {
  const std::pair<const char*, const char*> all[] = {
      {"head", kHead},       {"login", kLogin}, {"inbox", kInbox}, {"record", kRecord},
      {"message", kMessage}, {"fleet", kFleet}, {"admin", kAdmin}};
  for (const auto& [name, text] : all)
    if (!ctemplate::StringToTemplateCache(name, text, ctemplate::DO_NOT_STRIP))
      throw std::runtime_error(std::string("inbox template ") + name + " does not parse");
}

std::string word(const std::string& key, const std::string& lang) {
  auto it = words().find(key);
  if (it == words().end()) return key;
  return lang == "es" ? it->second.second : it->second.first;
}

void add_words(ctemplate::TemplateDictionary& dict, const std::string& lang) {
  for (const auto& [key, pair] : words())
    dict.SetValue("T_" + key, lang == "es" ? pair.second : pair.first);
}

std::string render(const std::string& name, ctemplate::TemplateDictionary& dict) {
  std::string out;
  if (!ctemplate::ExpandTemplate(name, ctemplate::DO_NOT_STRIP, &dict, &out))
    throw std::runtime_error("inbox template " + name + " did not expand");
  return out;
}

}  // namespace intake::pages
