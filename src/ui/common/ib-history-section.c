/* ib-history-section.c
 *
 * The section reads the history the store keeps (ib-history.h) at once, so it reads the same
 * offline, then asks the window's sync service for the server's, at most once per revision of
 * the record shown and only while the section is on screen: selecting records one after
 * another costs a request each, not a request per redraw. What comes back is written to the
 * store by the sync layer; the section only reads it again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-history-section"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-badge.h"
#include "ib-detail-util.h"
#include "ib-format.h"
#include "ib-history.h"
#include "ib-history-section.h"
#include "ib-line-layout.h"
#include "ib-sync-endpoint.h"
#include "ib-window.h"

/* Changes listed before "Show All": the latest matter most, and a busy record has hundreds. */
#define RECENT_ENTRIES 10

/* A value longer than this (a narrative) is cut: the History says what changed, the record
 * says what it is. */
#define VALUE_CHARS 80

struct _IbHistorySection
{
  GtkWidget            parent_instance;

  /* template */
  AdwPreferencesGroup *group;
  GtkListBox          *list;
  GtkWidget           *empty_label;
  GtkWidget           *more_button;

  /* owned */
  char                *type;
  char                *id;
  char                *status;
  GCancellable        *cancellable;

  gint64               rev;          /* of the record shown */
  gint64               fetched_rev;  /* the revision last asked for, -1 for none */
  gboolean             fetching;
  gboolean             show_all;
};

G_DEFINE_FINAL_TYPE (IbHistorySection, ib_history_section, GTK_TYPE_WIDGET)

static IbWindow *
window_of (IbHistorySection *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return IB_IS_WINDOW (root) ? IB_WINDOW (root) : NULL;
}

static IbStore *
store_of (IbHistorySection *self)
{
  IbWindow *window = window_of (self);

  return window != NULL ? ib_window_get_store (window) : NULL;
}

static void
set_status (IbHistorySection *self,
            const char       *status)
{
  g_free (self->status);
  self->status = g_strdup (status);
  adw_preferences_group_set_description (self->group, status);
}

/* "Due date" reads "due date" inside a sentence; "RAG …" and other capitals stay. */
static char *
lower_first (const char *label)
{
  const char *second = g_utf8_next_char (label);
  gunichar first = g_utf8_get_char (label);
  g_autofree char *rest = NULL;
  char head[8] = { 0 };

  if (*label == '\0' || *second == '\0' || !g_unichar_islower (g_utf8_get_char (second)))
    return g_strdup (label);

  g_unichar_to_utf8 (g_unichar_tolower (first), head);
  rest = g_strdup (second);
  return g_strconcat (head, rest, NULL);
}

static char *
shorten (char *text)
{
  if (g_utf8_strlen (text, -1) > VALUE_CHARS)
    {
      g_autofree char *start = g_utf8_substring (text, 0, VALUE_CHARS - 1);

      g_free (text);
      return g_strconcat (start, "…", NULL);
    }
  return text;
}

static char *
record_name (IbStore    *store,
             const char *type_name,
             const char *id)
{
  const IbRecordType *type = ib_record_type_find (type_name);
  g_autoptr (IbRecord) record = store != NULL && type != NULL && id != NULL ? ib_store_get (store, type, id, NULL) : NULL;

  if (record == NULL)
    /* Translators: in a record's history, a linked record that is deleted or not on this computer */
    return g_strdup (C_("history value", "a record not on this computer"));
  return ib_format_record_name (record);
}

/* A value as the app shows it elsewhere: enum labels, local dates, and linked records by name. */
static char *
format_value (IbStore            *store,
              const IbRecordType *type,
              const char         *field,
              JsonNode           *value)
{
  const IbFieldSpec *spec = ib_record_type_field (type, field);

  if (value != NULL && !JSON_NODE_HOLDS_NULL (value))
    {
      if (g_str_equal (field, "class") && JSON_NODE_HOLDS_VALUE (value))
        return g_strdup (ib_enum_label (&ib_enum_class, json_node_get_string (value)));

      if (spec != NULL && spec->kind == IB_FIELD_REF && JSON_NODE_HOLDS_VALUE (value))
        return shorten (record_name (store, spec->ref_type, json_node_get_string (value)));

      if (spec != NULL && spec->kind == IB_FIELD_REF_LIST && JSON_NODE_HOLDS_ARRAY (value))
        {
          JsonArray *ids = json_node_get_array (value);
          g_autoptr (GString) names = g_string_new (NULL);

          if (json_array_get_length (ids) == 0)
            return g_strdup (C_("history value", "none"));
          for (guint i = 0; i < json_array_get_length (ids); i++)
            {
              g_autofree char *name = record_name (store, spec->ref_type, json_array_get_string_element (ids, i));

              /* Translators: the separator between linked records' names in a record's history */
              g_string_append_printf (names, "%s%s", i > 0 ? C_("history value", ", ") : "", name);
            }
          return shorten (g_string_free (g_steal_pointer (&names), FALSE));
        }
    }

  return shorten (ib_format_field_value (type, field, value));
}

static gboolean
has_value (JsonObject *values,
           const char *field)
{
  JsonNode *node = values != NULL ? json_object_get_member (values, field) : NULL;

  return node != NULL && !JSON_NODE_HOLDS_NULL (node);
}

/* "Changed due date from 31 March 2023 to 30 June 2023", one line per field. */
static char *
describe_change (IbStore            *store,
                 const IbRecordType *type,
                 JsonObject         *entry)
{
  const char *kind = json_object_get_string_member_with_default (entry, "kind", "changed");
  JsonArray *changed = json_object_has_member (entry, "changed") ? json_object_get_array_member (entry, "changed") : NULL;
  JsonObject *from = json_object_has_member (entry, "from") ? json_object_get_object_member (entry, "from") : NULL;
  JsonObject *to = json_object_has_member (entry, "to") ? json_object_get_object_member (entry, "to") : NULL;
  g_autoptr (GString) text = g_string_new (NULL);

  if (g_str_equal (kind, "created"))
    return g_strdup (C_("history", "Created"));
  if (g_str_equal (kind, "deleted"))
    return g_strdup (C_("history", "Deleted"));
  if (g_str_equal (kind, "restored"))
    return g_strdup (C_("history", "Restored"));
  if (g_str_equal (kind, "visible"))
    /* Translators: the first revision of a record this user may see: it was Exempt before */
    return g_strdup (C_("history", "Became visible to you"));

  for (guint i = 0; changed != NULL && i < json_array_get_length (changed); i++)
    {
      const char *field = json_array_get_string_element (changed, i);
      g_autofree char *name = field != NULL && g_str_equal (field, "class")
                              ? g_strdup (_("Publication")) : ib_format_field_name (field);
      g_autofree char *lower = lower_first (name);
      g_autofree char *old = NULL, *new = NULL;

      if (field == NULL)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');

      old = format_value (store, type, field, from != NULL ? json_object_get_member (from, field) : NULL);
      new = format_value (store, type, field, to != NULL ? json_object_get_member (to, field) : NULL);
      if (!has_value (from, field) && has_value (to, field))
        /* Translators: in a record's history: a field that was empty got a value, e.g.
         * "Set due date to 30 June 2023"; the field's name starts lower-case */
        g_string_append_printf (text, C_("history", "Set %s to %s"), lower, new);
      else if (has_value (from, field) && !has_value (to, field))
        /* Translators: in a record's history: a field was emptied, e.g. "Cleared due date (was 30 June 2023)" */
        g_string_append_printf (text, C_("history", "Cleared %s (was %s)"), lower, old);
      else
        /* Translators: in a record's history, e.g. "Changed due date from 31 March 2023 to 30 June 2023";
         * the field's name starts lower-case */
        g_string_append_printf (text, C_("history", "Changed %s from %s to %s"), lower, old, new);
    }

  if (text->len == 0)
    return g_strdup (C_("history", "Changed"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
format_when (const char *at)
{
  g_autoptr (GDateTime) utc = at != NULL ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
  g_autoptr (GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
  g_autofree char *day = local != NULL ? g_date_time_format (local, "%Y-%m-%d") : NULL;

  return ib_format_date (day);
}

static GtkWidget *
entry_row (IbHistorySection *self,
           IbStore          *store,
           JsonObject       *entry)
{
  const IbRecordType *type = ib_record_type_find (self->type);
  g_autofree char *what = describe_change (store, type, entry);
  g_autofree char *when = format_when (json_object_get_string_member_with_default (entry, "at", NULL));
  const char *by = json_object_get_string_member_with_default (entry, "by", NULL);
  const char *state = json_object_get_string_member_with_default (entry, "state", NULL);
  g_autofree char *line = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autoptr (GString) spoken = NULL;

  if (by != NULL && *by != '\0')
    /* Translators: a change in a record's history, who made it and when, e.g.
     * "Changed due date from 31 March 2023 to 30 June 2023 — aofficer, 3 May 2022" */
    line = g_strdup_printf (C_("history", "%s — %s, %s"), what, by, when);
  else
    /* Translators: a change in a record's history and when it was made */
    line = g_strdup_printf (C_("history", "%s — %s"), what, when);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_label (GTK_LABEL (ib_detail_add_text (GTK_BOX (box), NULL)), line);
  spoken = g_string_new (line);

  if (json_object_get_boolean_member_with_default (entry, "pending", FALSE))
    {
      GtkWidget *badges = ib_badge_box_new ();
      GtkWidget *badge;

      if (g_strcmp0 (state, "conflict") == 0)
        badge = ib_badge_new (C_("history", "Needs your decision"), "dialog-warning-symbolic", "warning");
      else if (g_strcmp0 (state, "rejected") == 0)
        badge = ib_badge_new (C_("history", "Refused by the server"), "process-stop-symbolic", "bad");
      else
        /* Translators: an edit made on this computer that the sync server has not received yet */
        badge = ib_badge_new (C_("history", "Waiting to be sent"), "mail-send-symbolic", "neutral");
      ib_badge_box_add (badges, badge);
      gtk_box_append (GTK_BOX (box), badges);
      g_string_append_printf (spoken, ". %s", ib_badge_get_text (IB_BADGE (badge)));
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken->str, -1);
  return row;
}

static void
fill (IbHistorySection *self)
{
  IbStore *store = store_of (self);
  g_autoptr (GPtrArray) entries = NULL;
  guint shown;

  ib_detail_clear (GTK_WIDGET (self->list));
  entries = store != NULL ? ib_store_history_list (store, self->type, self->id)
                          : g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  shown = self->show_all ? entries->len : MIN (entries->len, RECENT_ENTRIES);

  for (guint i = 0; i < shown; i++)
    gtk_list_box_append (self->list, entry_row (self, store, entries->pdata[i]));

  gtk_widget_set_visible (GTK_WIDGET (self->list), entries->len > 0);
  gtk_widget_set_visible (self->empty_label, entries->len == 0);
  if (shown < entries->len)
    {
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show All %u Change", "Show All %u Changes",
                                                             entries->len), entries->len);

      gtk_button_set_label (GTK_BUTTON (self->more_button), label);
    }
  gtk_widget_set_visible (self->more_button, shown < entries->len);
}

static void start_fetch (IbHistorySection *self);

static void
on_fetched_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (IbHistorySection) self = user_data;
  IbSyncService *sync = IB_SYNC_SERVICE (source);
  g_autoptr (GError) error = NULL;

  if (ib_sync_service_fetch_history_finish (sync, result, &error))
    set_status (self, _("Newest first."));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else if (ib_sync_service_get_server (sync) == NULL)
    /* No server: the service says so in words (only the changes made here). */
    set_status (self, error->message);
  else if (g_error_matches (error, IB_SYNC_ERROR, IB_SYNC_ERROR_NOT_FOUND) && self->rev == 0)
    set_status (self, _("Not on the server yet: these are the changes made on this computer."));
  else if (g_error_matches (error, IB_SYNC_ERROR, IB_SYNC_ERROR_NOT_FOUND))
    set_status (self, error->message);
  else
    {
      /* Translators: %s says why the server could not be reached */
      g_autofree char *text = g_strdup_printf (_("Could not fetch the history from the server (%s). "
                                                 "Showing what this computer kept."), error->message);

      set_status (self, text);
    }

  self->fetching = FALSE;
  fill (self);

  /* The record changed meanwhile (a sync brought a new revision): ask again. */
  if (self->id != NULL && self->fetched_rev != self->rev && gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_fetch (self);
}

static void
start_fetch (IbHistorySection *self)
{
  IbWindow *window = window_of (self);
  IbSyncService *sync = window != NULL ? ib_window_get_sync (window) : NULL;

  if (sync == NULL || self->id == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->fetching = TRUE;
  self->fetched_rev = self->rev;
  if (ib_sync_service_get_server (sync) != NULL)
    set_status (self, _("Fetching the history from the server…"));
  ib_sync_service_fetch_history_async (sync, self->type, self->id, self->cancellable, on_fetched_cb,
                                       g_object_ref (self));
}

static void
show_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  IbHistorySection *self = IB_HISTORY_SECTION (widget);

  self->show_all = TRUE;
  fill (self);
}

/* "When shown": a pane on a view nobody is looking at asks the server nothing. */
static void
ib_history_section_map (GtkWidget *widget)
{
  IbHistorySection *self = IB_HISTORY_SECTION (widget);

  GTK_WIDGET_CLASS (ib_history_section_parent_class)->map (widget);
  if (self->id != NULL && !self->fetching && self->fetched_rev != self->rev)
    start_fetch (self);
}

static void
ib_history_section_dispose (GObject *object)
{
  IbHistorySection *self = (IbHistorySection *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_HISTORY_SECTION);

  G_OBJECT_CLASS (ib_history_section_parent_class)->dispose (object);
}

static void
ib_history_section_finalize (GObject *object)
{
  IbHistorySection *self = (IbHistorySection *) object;

  g_free (self->type);
  g_free (self->id);
  g_free (self->status);

  G_OBJECT_CLASS (ib_history_section_parent_class)->finalize (object);
}

static void
ib_history_section_class_init (IbHistorySectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_history_section_dispose;
  object_class->finalize = ib_history_section_finalize;
  widget_class->map = ib_history_section_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-history-section.ui");
  gtk_widget_class_bind_template_child (widget_class, IbHistorySection, group);
  gtk_widget_class_bind_template_child (widget_class, IbHistorySection, list);
  gtk_widget_class_bind_template_child (widget_class, IbHistorySection, empty_label);
  gtk_widget_class_bind_template_child (widget_class, IbHistorySection, more_button);

  gtk_widget_class_install_action (widget_class, "history.show-all", NULL, show_all_action);
}

static void
ib_history_section_init (IbHistorySection *self)
{
  self->fetched_rev = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Its description, where the history comes from, wraps (see ib-line-layout.c). */
  ib_line_layout_take_preferences_group (self->group);
}

void
ib_history_section_show (IbHistorySection *self,
                         IbRecord         *record)
{
  const char *id;

  g_return_if_fail (IB_IS_HISTORY_SECTION (self));
  g_return_if_fail (record == NULL || IB_IS_RECORD (record));

  id = record != NULL ? ib_record_get_id (record) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self), record != NULL);
  if (g_strcmp0 (id, self->id) != 0)
    {
      /* Another record: what was asked about the last one no longer matters. */
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->fetching = FALSE;
      self->fetched_rev = -1;
      self->show_all = FALSE;
      g_free (self->id);
      self->id = g_strdup (id);
      g_free (self->type);
      self->type = record != NULL ? g_strdup (ib_record_get_record_type (record)->name) : NULL;
      set_status (self, NULL);
    }
  if (record == NULL)
    return;

  self->rev = ib_record_get_rev (record);
  fill (self);
  if (!self->fetching && self->fetched_rev != self->rev && gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_fetch (self);
}

const char *
ib_history_section_get_status (IbHistorySection *self)
{
  g_return_val_if_fail (IB_IS_HISTORY_SECTION (self), NULL);
  return self->status;
}

gboolean
ib_history_section_is_fetching (IbHistorySection *self)
{
  g_return_val_if_fail (IB_IS_HISTORY_SECTION (self), FALSE);
  return self->fetching;
}
