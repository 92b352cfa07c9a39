"""A change list's column headers, written in Python: the markup of unfold's
`unfold/helpers/change_list_headers.html` for the headers unfold's `result_headers` works out
(timba.runtime.admin_table writes the rest of the table; it uses the template where the list is
drag-sortable or has row sections, or the template is not unfold's own file)."""

from __future__ import annotations

from django.template.defaultfilters import capfirst
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

TH = (
    '<th class="align-middle font-semibold py-2 text-left text-font-important-light'
    ' dark:text-font-important-dark whitespace-nowrap {} {}" scope="col"><div class="flex items-center"><div class="text">'
)
TOGGLE = (
    '<a href="{}" class="flex items-center leading-none text-base-400 hover:text-base-500 dark:text-base-500'
    ' dark:hover:text-base-400 toggle {}" title="{}"><span class="block material-symbols-outlined">{}</span></a>'
)
REMOVE = (
    '<a class="sortremove flex items-center leading-none ml-1 text-base-400 dark:text-base-500 transition-all'
    ' hover:text-red-700 dark:hover:text-red-500" href="{}" title="{}"><span class="block material-symbols-outlined">cancel</span></a>'
)


def headers_html(headers: list[dict], num_sorted_fields: int) -> str:
    cells = []
    for counter, header in enumerate(headers, start=1):
        text = header["text"]
        toggle_all = "action-toggle" in text and counter == 1
        shown = capfirst(text)
        cells.append(format_html(TH, header["class_attrib"], "lg:px-3 lg:w-10" if toggle_all else "hidden px-3 lg:table-cell"))
        if header["sortable"]:
            cells.append(format_html('<a href="{}">{}</a>', header["url_primary"], shown))
        elif toggle_all:
            cells.append(format_html('<label class="flex flex-row items-center gap-2">{}<span class="block font-normal lg:hidden">{}</span></label>', shown, gettext("Select all rows")))
        else:
            cells.append(format_html("<span>{}</span>", shown))
        cells.append("</div>")
        if header["sortable"] and header["sort_priority"] > 0:
            ascending = header["ascending"]
            cells.append('<div class="sortoptions flex items-center ml-2">')
            cells.append(format_html(TOGGLE, header["url_toggle"], "ascending" if ascending else "descending", gettext("Toggle sorting"),
                                     "arrow_circle_down" if ascending else "arrow_circle_up"))
            cells.append(format_html(REMOVE, header["url_remove"], gettext("Remove from sorting")))
            cells.append("</div>")
            if num_sorted_fields > 1:
                priority = gettext("Sorting priority: %(priority_number)s") % {"priority_number": header["sort_priority"]}
                cells.append(format_html('<span class="sortpriority font-medium ml-2 text-xs" title="{}">{}</span>', priority, header["sort_priority"]))
        cells.append("</div></th>")
    return mark_safe(f"<thead><tr>{''.join(str(cell) for cell in cells)}</tr></thead>")  # noqa: S308 - escaped parts
