// The inbox's HTML templates (ctemplate, AUTOESCAPE context HTML: every variable is escaped for
// where it appears) and the English/Spanish words they use.
#pragma once
#include <ctemplate/template.h>

#include <string>

namespace intake::pages {

// Registers every template in ctemplate's cache; call once before rendering.
void register_templates();

// Fills T_* variables with the words of `lang` ("en" or "es").
void add_words(ctemplate::TemplateDictionary& dict, const std::string& lang);
// One word of the table (the key itself when missing).
std::string word(const std::string& key, const std::string& lang);

// Expands page `name` with `dict`; the page includes "head" (HEAD: navigation, language switch),
// whose include dictionary the caller fills (include dictionaries do not see their parent's values).
std::string render(const std::string& name, ctemplate::TemplateDictionary& dict);

inline constexpr const char* kStyle = R"CSS(
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 20px; line-height: 1.5;
       margin: 0; color: #111; background: #fafafa; }
header { background: #1d3557; color: #fff; padding: 12px 24px; display: flex; gap: 24px;
         align-items: center; flex-wrap: wrap; }
header a { color: #fff; font-size: 20px; }
header button { color: #1d3557; background: #fff; border: 0; border-radius: 4px; }
header .who { margin-left: auto; }
main { padding: 16px 24px; max-width: 1200px; }
h1 { font-size: 32px; margin: 8px 0 16px; }
h2 { font-size: 26px; margin: 24px 0 8px; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { border: 1px solid #bbb; padding: 8px 10px; text-align: left; vertical-align: top; }
th { background: #e8eef5; }
input, select, textarea, button { font-size: 20px; padding: 6px 8px; }
textarea { width: 100%; }
label { display: block; margin-top: 8px; font-weight: bold; }
form.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-end; margin-bottom: 20px; }
form.filters label { margin: 0; }
.error { background: #ffe3e3; border: 2px solid #b00020; padding: 10px; }
.notice { background: #e3f7e3; border: 2px solid #2a7a2a; padding: 10px; }
tr.silent td { background: #ffd6d6; color: #7a0010; font-weight: bold; }
.badge { padding: 2px 8px; border-radius: 4px; background: #ddd; }
.answer { white-space: pre-wrap; }
img.signature { border: 1px solid #999; background: #fff; max-width: 100%; }
.inline { display: inline; }
)CSS";

}  // namespace intake::pages
