// DatePicker: a month grid with big day buttons and previous/next month, bounded by a date range
// (days outside it are greyed and cannot be picked, months outside it cannot be shown). No typing.
// Day buttons register the long date ("November 5, 2026" / "5 de noviembre de 2026") as label.
#pragma once
#include <optional>

#include "kiosk/forms/civil_date.h"
#include "ui/widgets/ui.h"

namespace kiosk::ui {

// `year`/`month` is the month on show (the caller keeps it; the buttons change it). Returns the
// day tapped, if any.
std::optional<forms::Date> date_picker(Ui& ui, const char* id, int& year, int& month,
                                       std::optional<forms::Date> value, forms::Date lo,
                                       forms::Date hi, float width);
// Day of week, 0 = Sunday.
int weekday(const forms::Date& d);

}  // namespace kiosk::ui
