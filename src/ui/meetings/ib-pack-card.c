/* ib-pack-card.c
 *
 * A card is made for each showing of its meeting, reading the pack as the board sees it: an
 * issued pack's "since the last board" is the frozen comparison, the same on every device
 * for ever; a draft's compares the data as they stand with the previous issued pack.
 * Exceptions come first, as the pack prints them: what got worse and what is red.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-pack-card"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-a11y.h"
#include "ib-badge.h"
#include "ib-detail-util.h"
#include "ib-enums.h"
#include "ib-field-row.h"
#include "ib-format.h"
#include "ib-meetings-util.h"
#include "ib-pack-card.h"
#include "ib-pack-diff.h"
#include "ib-wrap-layout.h"

struct _IbPackCard
{
  GtkWidget   parent_instance;

  /* template */
  GtkLabel   *heading_label;
  GtkWidget  *badges;
  GtkLabel   *problem_label;
  GtkWidget  *facts_group;
  IbFieldRow *scope_row;
  IbFieldRow *status_row;
  IbFieldRow *parts_row;
  IbFieldRow *appendices_row;
  IbFieldRow *version_row;
  GtkWidget  *buttons;
  GtkWidget  *preview_button;
  GtkWidget  *print_button;
  GtkWidget  *export_button;
  GtkWidget  *issue_button;
  GtkWidget  *edit_button;
  GtkWidget  *version_button;
  GtkWidget  *delete_button;
  GtkWidget  *since_group;
  GtkWidget  *no_change_label;

  /* owned */
  GPtrArray  *change_rows;
};

G_DEFINE_FINAL_TYPE (IbPackCard, ib_pack_card, GTK_TYPE_WIDGET)

static char *
scope_text (IbRecord   *report,
            JsonObject *issued)
{
  const char *scope = ib_record_get_string (report, "scope");
  JsonObject *priority = ib_pack_member_object (issued, "scope_priority");
  const char *officer = ib_record_get_string (report, "scope_officer");

  if (g_strcmp0 (scope, "priority") == 0)
    /* Translators: a pack's scope: one priority area, e.g. "Priority area APA1 Management oversight" */
    return g_strdup_printf (_("Priority area %s %s"),
                            ib_pack_member_string (priority, "code") != NULL ? ib_pack_member_string (priority, "code") : "",
                            ib_pack_member_string (priority, "title") != NULL ? ib_pack_member_string (priority, "title") : "");
  if (g_strcmp0 (scope, "officer") == 0)
    /* Translators: a Holding to Account pack's scope: one accountable officer's actions */
    return g_strdup_printf (_("The actions of %s"), officer != NULL ? officer : "");
  return g_strdup (ib_enum_label (&ib_enum_report_scope, "programme"));
}

static char *
appendices_text (IbRecord *report)
{
  static const struct { const char *field; const char *label; } appendices[] = {
    { "appendix_plan", N_("Action plan") },
    { "appendix_kpis", N_("KPIs") },
    { "appendix_risks", N_("Risk register") },
    { "appendix_ofsted", N_("Ofsted judgements") },
    { "appendix_since", N_("Since the last board") },
  };
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (appendices); i++)
    if (ib_record_get_bool (report, appendices[i].field))
      /* Translators: between the appendices a pack carries, e.g. "Action plan, KPIs" */
      g_string_append_printf (out, "%s%s", out->len > 0 ? C_("list separator", ", ") : "", _(appendices[i].label));
  if (out->len == 0)
    return g_strdup (C_("appendices", "None"));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
version_text (IbMeetingsModel *model,
              IbRecord        *report)
{
  IbStore *store = ib_meetings_model_get_store (model);
  int version = (int) ib_record_get_int (report, "version", 1);
  const char *issued_on = ib_record_get_string (report, "issued_on");
  const char *supersedes = ib_record_get_string (report, "supersedes");
  IbRecord *correction = ib_meetings_model_get_correction (model, report);
  g_autofree char *issued = issued_on != NULL ? ib_format_date (issued_on) : NULL;
  GString *out = g_string_new (NULL);

  if (issued != NULL)
    /* Translators: a pack's version and the day it was issued, e.g. "Version 1, issued on 21 October 2022" */
    g_string_printf (out, _("Version %d, issued on %s"), version, issued);
  else
    /* Translators: a pack's version while it is a draft */
    g_string_printf (out, _("Version %d, not issued yet"), version);

  if (supersedes != NULL)
    {
      g_autoptr (IbRecord) earlier = ib_store_get (store, &ib_type_report, supersedes, NULL);

      if (earlier != NULL)
        /* Translators: after a pack's version: the version it corrects */
        g_string_append_printf (out, _(". Corrects version %d"), (int) ib_record_get_int (earlier, "version", 1));
    }
  if (correction != NULL)
    g_string_append_printf (out, ". %s",
                            ib_record_has (correction, "issued_on")
                            /* Translators: an issued pack's correction, issued too */
                            ? _("Superseded by a corrected version")
                            /* Translators: an issued pack whose correction is still a draft */
                            : _("A corrected version is in draft"));
  return g_string_free (out, FALSE);
}

static GtkWidget *
change_row (JsonObject *change,
            guint       list)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *sentence = NULL;
  g_autofree char *spoken = NULL;
  const char *kind = NULL;
  int paragraph = 0;

  if (ib_pack_is_placeholder (change, &paragraph))
    sentence = ib_pack_placeholder_text (paragraph);
  else
    sentence = ib_pack_describe_change (change);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sentence);

  /* Which list it is in says what it means, in a word and a shape beside the colour. */
  if (list == 0)
    {
      kind = C_("since the last board", "Exception");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), ib_badge_new (kind, "process-stop-symbolic", "bad"));
    }
  else if (list == 1)
    {
      kind = C_("since the last board", "Better");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), ib_badge_new (kind, "object-select-symbolic", "good"));
    }

  if (g_strcmp0 (ib_pack_member_string (change, "class"), "exempt") == 0)
    {
      g_autofree char *text = g_strdup_printf (_("Exempt, paragraph %d"),
                                               (int) json_object_get_int_member_with_default (change, "exempt_paragraph", 1));
      GtkWidget *tag = gtk_label_new (text);

      gtk_widget_add_css_class (tag, "tag");
      gtk_widget_add_css_class (tag, "exempt");
      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
    }

  /* Translators: a change since the last board read aloud: "Exception" or "Better", then the sentence */
  spoken = kind != NULL ? g_strdup_printf (_("%s: %s"), kind, sentence) : g_strdup (sentence);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  return row;
}

static void
fill_since (IbPackCard *self,
            JsonObject *document)
{
  JsonObject *since = ib_pack_member_object (document, "since");
  JsonObject *previous = ib_pack_member_object (since, "previous");
  const char *lists[] = { "exceptions", "better", "other" };
  g_autofree char *description = NULL;
  guint n = 0;

  if (previous != NULL)
    {
      g_autofree char *issued = ib_format_date (ib_pack_member_string (previous, "issued_on"));
      g_autofree char *held = ib_format_date (ib_pack_member_string (previous, "held_on"));

      /* Translators: what a pack is compared with: the previous pack's subject, version, the
       * date it was issued and its meeting's date */
      description = g_strdup_printf (_("Compared with “%s” (version %d), issued on %s for the meeting of %s. Exceptions first: what got worse, and what is red."),
                                     ib_pack_member_string (previous, "subject") != NULL ? ib_pack_member_string (previous, "subject") : "",
                                     (int) ib_pack_member_number (previous, "version"), issued, held);
    }
  else
    description = g_strdup (_("No earlier pack of this kind and scope was issued, so only what is red is listed."));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->since_group), description);

  ib_detail_clear_rows (self->change_rows);
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      JsonArray *changes = ib_pack_member_array (since, lists[l]);

      for (guint i = 0; changes != NULL && i < json_array_get_length (changes); i++)
        {
          ib_detail_group_add_row (self->since_group, self->change_rows,
                                   change_row (json_array_get_object_element (changes, i), l));
          n++;
        }
    }
  gtk_widget_set_visible (self->no_change_label, n == 0);
}

static void
fill (IbPackCard      *self,
      IbMeetingsModel *model,
      IbRecord        *report,
      gboolean         can_edit)
{
  IbStore *store = ib_meetings_model_get_store (model);
  IbPackState state = ib_meetings_model_get_pack_state (model, report);
  const char *id = ib_record_get_id (report);
  gboolean exempt = g_strcmp0 (ib_record_get_class (report), "exempt") == 0;
  g_autoptr (GError) error = NULL;
  g_autoptr (IbPack) pack = ib_pack_load (store, id, &error);
  JsonObject *document = pack != NULL ? ib_pack_get_document (pack) : NULL;
  GtkWidget *buttons[] = { self->preview_button, self->print_button, self->export_button, self->issue_button,
                           self->edit_button, self->version_button, self->delete_button };
  g_autofree char *scope = scope_text (report, ib_pack_member_object (document, "report"));
  g_autofree char *appendices = appendices_text (report);
  g_autofree char *version = version_text (model, report);
  g_autofree char *status = NULL;

  gtk_label_set_label (self->heading_label, ib_record_get_string (report, "subject"));

  ib_badge_box_add (self->badges, ib_meetings_pack_state_badge (state, NULL));
  if (ib_record_get_bool (report, "sample"))
    ib_badge_box_add (self->badges, ib_badge_new (C_("provenance", "Sample"), "dialog-information-symbolic", "neutral"));

  status = exempt ? g_strdup_printf (_("Exempt, paragraph %d"), ib_record_get_exempt_paragraph (report))
                  : g_strdup (C_("report status", "Public"));
  ib_field_row_set_value (self->status_row, status);
  ib_field_row_set_value (self->scope_row, scope);
  ib_field_row_set_value (self->appendices_row, appendices);
  ib_field_row_set_value (self->version_row, version);

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (buttons[i]), "s", id);
  gtk_widget_set_visible (self->issue_button, can_edit && state == IB_PACK_STATE_DRAFT);
  gtk_widget_set_visible (self->edit_button, can_edit && state == IB_PACK_STATE_DRAFT);
  gtk_widget_set_visible (self->delete_button, can_edit && state == IB_PACK_STATE_DRAFT);
  /* One correction at a time: a second would say it supersedes the same version. */
  gtk_widget_set_visible (self->version_button, can_edit && state != IB_PACK_STATE_DRAFT &&
                          ib_meetings_model_get_correction (model, report) == NULL);

  /* A pack that cannot be read (its snapshot still arriving) says why, and offers nothing
   * that would show it. */
  gtk_label_set_label (self->problem_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), error != NULL);
  gtk_widget_set_sensitive (self->preview_button, pack != NULL);
  gtk_widget_set_sensitive (self->print_button, pack != NULL);
  gtk_widget_set_sensitive (self->export_button, pack != NULL);
  gtk_widget_set_visible (self->since_group, pack != NULL);
  if (pack == NULL)
    {
      ib_field_row_set_value (self->parts_row, NULL);
      return;
    }

  if (!ib_meetings_pack_has_part2 (pack))
    ib_field_row_set_value (self->parts_row, _("Part 1 (public) only: nothing in it is exempt"));
  else if (ib_meetings_pack_offers_part2 (store, pack))
    ib_field_row_set_value (self->parts_row, _("Part 1 (public) and Part 2 (exempt)"));
  else
    ib_field_row_set_value (self->parts_row, _("Part 1 (public). Part 2 needs Exempt clearance, which this device was not given."));

  fill_since (self, document);
}

static void
ib_pack_card_dispose (GObject *object)
{
  IbPackCard *self = (IbPackCard *) object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_PACK_CARD);
  /* The template's unnamed children (the fields' group) are the card's to unparent too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->change_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ib_pack_card_parent_class)->dispose (object);
}

static void
ib_pack_card_class_init (IbPackCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_pack_card_dispose;

  g_type_ensure (IB_TYPE_FIELD_ROW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-pack-card.ui");
  gtk_widget_class_bind_template_child (widget_class, IbPackCard, heading_label);
  gtk_widget_class_bind_template_child (widget_class, IbPackCard, badges);
  gtk_widget_class_bind_template_child (widget_class, IbPackCard, problem_label);
  gtk_widget_class_bind_template_child (widget_class, IbPackCard, facts_group);
  gtk_widget_class_bind_template_child (widget_class, IbPackCard, scope_row);
  gtk_widget_class_bind_template_child (widget_class, IbPackCard, status_row);
  gtk_widget_class_bind_template_child (widget_class, IbPackCard, parts_row);
  gtk_widget_class_bind_template_child (widget_class, IbPackCard, appendices_row);
  gtk_widget_class_bind_template_child (widget_class, IbPackCard, version_row);
  gtk_widget_class_bind_template_child (widget_class, IbPackCard, buttons);
  gtk_widget_class_bind_template_child (widget_class, IbPackCard, preview_button);
  gtk_widget_class_bind_template_child (widget_class, IbPackCard, print_button);
  gtk_widget_class_bind_template_child (widget_class, IbPackCard, export_button);
  gtk_widget_class_bind_template_child (widget_class, IbPackCard, issue_button);
  gtk_widget_class_bind_template_child (widget_class, IbPackCard, edit_button);
  gtk_widget_class_bind_template_child (widget_class, IbPackCard, version_button);
  gtk_widget_class_bind_template_child (widget_class, IbPackCard, delete_button);
  gtk_widget_class_bind_template_child (widget_class, IbPackCard, since_group);
  gtk_widget_class_bind_template_child (widget_class, IbPackCard, no_change_label);
}

static void
ib_pack_card_init (IbPackCard *self)
{
  GtkBoxLayout *layout = GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (layout, 12);
  self->change_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  ib_a11y_name_group (self->facts_group, GTK_WIDGET (self->heading_label));
  /* Badges and buttons wrap like words when the pane is narrow. */
  gtk_widget_set_layout_manager (self->badges, ib_wrap_layout_new (6));
  gtk_widget_set_layout_manager (self->buttons, ib_wrap_layout_new (6));
}

GtkWidget *
ib_pack_card_new (IbMeetingsModel *model,
                  IbRecord        *report,
                  gboolean         can_edit)
{
  IbPackCard *self;

  g_return_val_if_fail (IB_IS_MEETINGS_MODEL (model), NULL);
  g_return_val_if_fail (IB_IS_RECORD (report), NULL);

  self = g_object_new (IB_TYPE_PACK_CARD, NULL);
  fill (self, model, report, can_edit);
  return GTK_WIDGET (self);
}
