/* ib-a11y.c: names GTK 4.8 does not give a screen reader by itself
 *
 * GTK 4.8 reads a button with a mnemonic twice: its raw label ("_Add Value…") and then the
 * label the mnemonic ties to it ("Add Value…"), and a check button by its raw label alone. A drop-down's inner toggle button and the row
 * that shows its choice take focus with no name, so a reader says "GtkToggleButton". A list
 * view's row is the widget that takes focus, but only the child a factory puts in it can be
 * named; libadwaita 1.2's combo row has the same trouble with the list showing its choice,
 * and its password row's Show Text button is named only by its tooltip; a calendar's arrows are
 * not named at all.
 * Each fix is made once here rather than in every template: a hook sees every widget
 * as it is mapped, dialogs and popovers included.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ib-a11y.h"

static GQuark fixed_quark;

static void
forget_raw_label (GtkButton *button)
{
  /* The label child names the button through the mnemonic already. */
  if (gtk_button_get_use_underline (button) && gtk_button_get_label (button) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
on_button_label_changed (GtkButton  *button,
                         GParamSpec *pspec,
                         gpointer    user_data)
{
  forget_raw_label (button);
}

/* A check button with a mnemonic is read by its raw label alone ("O_verdue only"): it is
 * named with its label child's text, the mnemonic taken out. */
static void
name_check_by_text (GtkCheckButton *check)
{
  if (!gtk_check_button_get_use_underline (check) || gtk_check_button_get_label (check) == NULL)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (check)); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child))
      {
        gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        gtk_label_get_text (GTK_LABEL (child)), -1);
        return;
      }
}

static void
on_check_label_changed (GtkCheckButton *check,
                        GParamSpec     *pspec,
                        gpointer        user_data)
{
  name_check_by_text (check);
}

static void
name_after (GtkWidget *widget,
            GtkWidget *namer)
{
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  namer, NULL, -1);
}

/* Names every focusable part under @widget after @namer. */
static void
name_parts_after (GtkWidget *widget,
                  GtkWidget *namer)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_get_focusable (child))
        name_after (child, namer);
      name_parts_after (child, namer);
    }
}

/* A drop-down's toggle button, and the row inside it that shows the choice (focusable, though
 * Tab never stops there), are read as the drop-down. The popover's rows are left alone: their
 * factory's child names them. */
static void
name_drop_down_parts (GtkWidget *drop_down)
{
  /* A name taken from a label's mnemonic does not carry over one step further, so the parts
   * are named after that label itself. */
  GList *labels = gtk_widget_list_mnemonic_labels (drop_down);
  GtkWidget *namer = labels != NULL ? labels->data : drop_down;

  g_list_free (labels);
  for (GtkWidget *child = gtk_widget_get_first_child (drop_down); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      {
        name_after (child, namer);
        name_parts_after (child, namer);
      }
}

/* libadwaita 1.2 shows a combo row's choice in a list that never takes focus (the row does)
 * but says it can, with neither it nor its row named. */
static void
unfocus_shown_choice (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        {
          gtk_widget_set_focusable (child, FALSE);
          for (GtkWidget *item = gtk_widget_get_first_child (child); item != NULL; item = gtk_widget_get_next_sibling (item))
            gtk_widget_set_focusable (item, FALSE);
        }
      else
        unfocus_shown_choice (child);
    }
}

/* libadwaita 1.2's password row says what its Show Text button does only in its tooltip. */
static void
name_by_tooltip (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (child);

      if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) == NULL && tooltip != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
      name_by_tooltip (child);
    }
}

/* Appends the buttons under @widget to @buttons, in the order Tab meets them. */
static void
collect_buttons (GtkWidget *widget,
                 GPtrArray *buttons)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child))
        g_ptr_array_add (buttons, child);
      else
        collect_buttons (child, buttons);
    }
}

/* GTK 4.8's calendar moves by month and by year with four arrow buttons that show an icon and
 * say nothing, in this order in its header. */
static void
name_calendar_arrows (GtkWidget *calendar)
{
  const char *names[] = {
    N_("Previous month"), N_("Next month"), N_("Previous year"), N_("Next year"),
  };
  g_autoptr (GPtrArray) buttons = g_ptr_array_new ();

  collect_buttons (calendar, buttons);
  if (buttons->len != G_N_ELEMENTS (names))
    return;
  for (guint i = 0; i < buttons->len; i++)
    if (gtk_button_get_label (buttons->pdata[i]) == NULL)
      gtk_accessible_update_property (GTK_ACCESSIBLE (buttons->pdata[i]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(names[i]), -1);
}

/* Calls @on_changed after each new label of @widget, connected once however often it maps. */
static void
watch_label (GtkWidget *widget,
             GCallback  on_changed)
{
  if (g_object_get_qdata (G_OBJECT (widget), fixed_quark) != NULL)
    return;
  g_object_set_qdata (G_OBJECT (widget), fixed_quark, GINT_TO_POINTER (TRUE));
  g_signal_connect_after (widget, "notify::label", on_changed, NULL);
}

/* Gives @widget the names above, once for the mnemonic's watch. */
static void
fix_widget (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    {
      forget_raw_label (GTK_BUTTON (widget));
      watch_label (widget, G_CALLBACK (on_button_label_changed));
    }
  else if (GTK_IS_CHECK_BUTTON (widget))
    {
      name_check_by_text (GTK_CHECK_BUTTON (widget));
      watch_label (widget, G_CALLBACK (on_check_label_changed));
    }
  else if (GTK_IS_DROP_DOWN (widget))
    name_drop_down_parts (widget);
  else if (GTK_IS_CALENDAR (widget))
    name_calendar_arrows (widget);
  else if (ADW_IS_COMBO_ROW (widget))
    unfocus_shown_choice (widget);
  else if (ADW_IS_PASSWORD_ENTRY_ROW (widget))
    name_by_tooltip (widget);
}

static gboolean
on_widget_mapped (GSignalInvocationHint *hint,
                  guint                  n_params,
                  const GValue          *params,
                  gpointer               user_data)
{
  fix_widget (g_value_get_object (&params[0]));
  return TRUE;
}

void
ib_a11y_install (void)
{
  if (fixed_quark != 0)
    return;
  fixed_quark = g_quark_from_static_string ("ib-a11y-fixed");
  /* A signal exists once its class does; the window may not have made one yet. */
  g_type_class_unref (g_type_class_ref (GTK_TYPE_WIDGET));
  g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0, on_widget_mapped, NULL, NULL);
}

void
ib_a11y_name_list_item (GtkWidget *child)
{
  GtkWidget *row = gtk_widget_get_parent (child);

  if (row != NULL)
    name_after (row, child);
}

static GtkWidget *
find_list_box (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_box (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
ib_a11y_name_group (GtkWidget *group,
                    GtkWidget *label)
{
  GtkWidget *list = find_list_box (group);

  if (list != NULL)
    name_after (list, label);
}

void
ib_a11y_label_group (GtkWidget  *group,
                     const char *name)
{
  GtkWidget *list = find_list_box (group);

  if (list != NULL && name != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}
