/* ib-date-row.c
 *
 * The text is what the person sees and edits; the calendar and the month picker only write
 * into it, so typing, picking and the form's checks all go through one reading of the text
 * (ib_text_parse_date ()). Arrow keys in the calendar move the chosen date, and the row with
 * it; a click on a day, Enter or Space closes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-date-row"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "ib-date-row.h"
#include "ib-record-json.h"
#include "ib-schedule.h"
#include "ib-text.h"

struct _IbDateRow
{
  AdwEntryRow    parent_instance;

  /* owned (children) */
  GtkMenuButton *button;
  GtkPopover    *popover;
  GtkCalendar   *calendar;     /* for a date */
  GtkLabel      *year_label;   /* for a month */
  GtkWidget     *month_buttons[12];

  gboolean       months;
  int            shown_year;   /* the month picker's year */
  gboolean       clicking;     /* a pointer press in the calendar */
  gboolean       navigating;   /* …on its month or year arrows */
  gboolean       picked;       /* …that chose a day */
};

G_DEFINE_FINAL_TYPE (IbDateRow, ib_date_row, ADW_TYPE_ENTRY_ROW)

/* The value typed, or today when nothing valid is: where a picker opens. */
static char *
current_or_today (IbDateRow *self)
{
  g_autofree char *value = ib_date_row_get_iso (self, NULL);
  g_autofree char *today = ib_schedule_today ();

  if (value != NULL)
    return g_steal_pointer (&value);
  if (self->months)
    today[7] = '\0';
  return g_steal_pointer (&today);
}

static void
show_year (IbDateRow *self,
           int        year)
{
  g_autofree char *text = g_strdup_printf ("%d", year);
  g_autofree char *value = ib_date_row_get_iso (self, NULL);

  self->shown_year = year;
  gtk_label_set_label (self->year_label, text);
  for (int m = 0; m < 12; m++)
    {
      gboolean chosen = value != NULL && atoi (value) == year && atoi (value + 5) == m + 1;

      if (chosen)
        gtk_widget_add_css_class (self->month_buttons[m], "suggested-action");
      else
        gtk_widget_remove_css_class (self->month_buttons[m], "suggested-action");
    }
}

static void
on_popover_show_cb (IbDateRow *self)
{
  g_autofree char *value = current_or_today (self);

  if (self->months)
    {
      show_year (self, atoi (value));
      return;
    }

  {
    g_autoptr (GDateTime) date = g_date_time_new_local (atoi (value), atoi (value + 5), atoi (value + 8), 0, 0, 0);

    /* Moving the calendar to the value is not the person choosing it. */
    g_signal_handlers_block_matched (self->calendar, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
    gtk_calendar_select_day (self->calendar, date);
    g_signal_handlers_unblock_matched (self->calendar, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  }
  gtk_widget_grab_focus (GTK_WIDGET (self->calendar));
}

static void
on_day_selected_cb (IbDateRow *self)
{
  g_autoptr (GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *iso = g_date_time_format (date, "%Y-%m-%d");

  ib_date_row_set_iso (self, iso);
  if (self->clicking && !self->navigating)
    self->picked = TRUE;
}

static void
on_navigate_cb (IbDateRow *self)
{
  if (self->clicking)
    self->navigating = TRUE;
}

static void
on_calendar_pressed_cb (GtkGestureClick *gesture,
                        int              n_press,
                        double           x,
                        double           y,
                        IbDateRow       *self)
{
  self->clicking = TRUE;
  self->navigating = FALSE;
  self->picked = FALSE;
}

static void
on_calendar_released_cb (GtkGestureClick *gesture,
                         int              n_press,
                         double           x,
                         double           y,
                         IbDateRow       *self)
{
  gboolean picked = self->picked;

  self->clicking = self->navigating = self->picked = FALSE;
  if (picked)
    gtk_popover_popdown (self->popover);
}

static gboolean
on_calendar_key_cb (GtkEventControllerKey *controller,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        state,
                    IbDateRow             *self)
{
  int days = 0;

  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter ||
      keyval == GDK_KEY_space || keyval == GDK_KEY_KP_Space)
    {
      on_day_selected_cb (self);
      gtk_popover_popdown (self->popover);
      return TRUE;
    }

  /* GtkCalendar's arrows move only a focus ring that no API reads: here they move the chosen
   * day itself, so what Enter takes is what is highlighted (and the row follows). */
  if ((state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)
    days = gtk_widget_get_direction (GTK_WIDGET (self->calendar)) == GTK_TEXT_DIR_RTL ? 1 : -1;
  else if (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right)
    days = gtk_widget_get_direction (GTK_WIDGET (self->calendar)) == GTK_TEXT_DIR_RTL ? -1 : 1;
  else if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    days = -7;
  else if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    days = 7;
  if (days == 0)
    return FALSE;

  {
    g_autoptr (GDateTime) date = gtk_calendar_get_date (self->calendar);
    g_autoptr (GDateTime) moved = g_date_time_add_days (date, days);

    gtk_calendar_select_day (self->calendar, moved);
  }
  return TRUE;
}

static void
on_month_clicked_cb (GtkButton *button,
                     IbDateRow *self)
{
  int month = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "month"));
  g_autofree char *iso = g_strdup_printf ("%04d-%02d", self->shown_year, month);

  ib_date_row_set_iso (self, iso);
  gtk_popover_popdown (self->popover);
}

static void
on_year_step_cb (GtkButton *button,
                 IbDateRow *self)
{
  show_year (self, self->shown_year + GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "step")));
}

static void
on_popover_closed_cb (IbDateRow *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* What is typed is written back the locale's way once the person moves on. */
static void
on_focus_leave_cb (IbDateRow *self)
{
  g_autofree char *value = ib_date_row_get_iso (self, NULL);

  if (value != NULL && !gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    ib_date_row_set_iso (self, value);
}

static GtkWidget *
year_button (IbDateRow  *self,
             const char *icon_name,
             const char *name,
             int         step)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data (G_OBJECT (button), "step", GINT_TO_POINTER (step));
  g_signal_connect (button, "clicked", G_CALLBACK (on_year_step_cb), self);
  return button;
}

static GtkWidget *
build_month_picker (IbDateRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *grid = gtk_grid_new ();

  self->year_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->year_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->year_label), "heading");
  gtk_box_append (GTK_BOX (header), year_button (self, "go-previous-symbolic", _("Previous Year"), -1));
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->year_label));
  gtk_box_append (GTK_BOX (header), year_button (self, "go-next-symbolic", _("Next Year"), 1));
  gtk_box_append (GTK_BOX (box), header);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  for (int m = 1; m <= 12; m++)
    {
      g_autoptr (GDateTime) first = g_date_time_new_utc (2000, m, 1, 0, 0, 0);
      /* Translators: a month's short name on the month picker's buttons; see strftime(3) */
      g_autofree char *name = g_date_time_format (first, C_("month button", "%b"));
      g_autofree char *full = g_date_time_format (first, C_("month name", "%B"));
      GtkWidget *button = gtk_button_new_with_label (name);

      gtk_widget_add_css_class (button, "flat");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, full, -1);
      g_object_set_data (G_OBJECT (button), "month", GINT_TO_POINTER (m));
      g_signal_connect (button, "clicked", G_CALLBACK (on_month_clicked_cb), self);
      gtk_grid_attach (GTK_GRID (grid), button, (m - 1) % 3, (m - 1) / 3, 1, 1);
      self->month_buttons[m - 1] = button;
    }
  gtk_box_append (GTK_BOX (box), grid);
  return box;
}

static GtkWidget *
build_calendar (IbDateRow *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  g_signal_connect_swapped (self->calendar, "day-selected", G_CALLBACK (on_day_selected_cb), self);
  g_signal_connect_swapped (self->calendar, "next-month", G_CALLBACK (on_navigate_cb), self);
  g_signal_connect_swapped (self->calendar, "prev-month", G_CALLBACK (on_navigate_cb), self);
  g_signal_connect_swapped (self->calendar, "next-year", G_CALLBACK (on_navigate_cb), self);
  g_signal_connect_swapped (self->calendar, "prev-year", G_CALLBACK (on_navigate_cb), self);
  /* Before the calendar's own handling, to know a day was chosen by a click. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_calendar_pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (on_calendar_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->calendar), GTK_EVENT_CONTROLLER (click));
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_calendar_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->calendar), keys);
  return GTK_WIDGET (self->calendar);
}

static void
ib_date_row_class_init (IbDateRowClass *klass)
{
}

static void
ib_date_row_init (IbDateRow *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  /* On the text, not the row: Tab to the calendar button stays inside the row. */
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self))), focus);
}

GtkWidget *
ib_date_row_new (gboolean months)
{
  IbDateRow *self = g_object_new (IB_TYPE_DATE_ROW, NULL);
  const char *name = months ? _("Choose a Month") : _("Choose a Date");
  g_autofree char *example = months ? ib_text_period_short ("2026-11") : ib_text_date_short ("2026-11-29");
  g_autofree char *hint = NULL;

  self->months = months;
  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->popover, months ? build_month_picker (self) : build_calendar (self));
  g_signal_connect_swapped (self->popover, "show", G_CALLBACK (on_popover_show_cb), self);
  g_signal_connect_swapped (self->popover, "closed", G_CALLBACK (on_popover_closed_cb), self);

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->button, "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (self->button, GTK_WIDGET (self->popover));
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), GTK_WIDGET (self->button));

  hint = months
    /* Translators: how a month may be typed; %s is an example written the locale's way */
    ? g_strdup_printf (_("A month, e.g. %s or 2026-11"), example)
    /* Translators: how a date may be typed; %s is an example written the locale's way */
    : g_strdup_printf (_("A date, e.g. %s or 2026-11-29"), example);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), hint);
  return GTK_WIDGET (self);
}

void
ib_date_row_set_iso (IbDateRow  *self,
                     const char *value)
{
  g_autofree char *text = NULL;

  g_return_if_fail (IB_IS_DATE_ROW (self));

  if (value == NULL)
    text = g_strdup ("");
  else
    text = self->months ? ib_text_period_short (value) : ib_text_date_short (value);
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (self))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self), text);
}

char *
ib_date_row_get_iso (IbDateRow  *self,
                     GError    **error)
{
  const char *text;

  g_return_val_if_fail (IB_IS_DATE_ROW (self), NULL);

  text = gtk_editable_get_text (GTK_EDITABLE (self));
  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return NULL;
  return self->months ? ib_text_parse_period (text, error) : ib_text_parse_date (text, error);
}
