"""Fast rendering of the filter controls: the options of a select or a list of checkboxes in one pass.

Django renders every option of a widget through its own template, which costs more than the rest of the
directory page together; these tags write the same HTML directly (escaped by format_html).
"""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


def _selected(bound_field) -> set[str]:
    value = bound_field.value()
    if value is None:
        return set()
    if isinstance(value, list | tuple):
        return {str(item) for item in value}
    return {str(value)}


@register.simple_tag
def select_field(bound_field):
    """<select> with its options, keeping the current choice and the field's id, name and described-by."""
    chosen = _selected(bound_field)
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (str(value), " selected" if str(value) in chosen else "", label)
            for value, label in bound_field.field.choices
        ),
    )
    invalid = format_html(' aria-invalid="true"') if bound_field.errors else ""
    return format_html(
        '<select name="{}" id="{}"{}>{}</select>',
        bound_field.html_name,
        bound_field.auto_id,
        invalid,
        options,
    )


@register.simple_tag
def checkbox_list(bound_field):
    """A list of checkboxes, one per choice, each with its own label."""
    chosen = _selected(bound_field)
    items = format_html_join(
        "",
        '<li><input type="checkbox" name="{0}" value="{1}" id="{2}_{3}"{4}> <label for="{2}_{3}">{5}</label></li>',
        (
            (
                bound_field.html_name,
                str(value),
                bound_field.auto_id,
                index,
                " checked" if str(value) in chosen else "",
                label,
            )
            for index, (value, label) in enumerate(bound_field.field.choices)
        ),
    )
    return format_html('<ul class="checkbox-list" id="{}">{}</ul>', bound_field.auto_id, items)
