/* ib-conflicts-window.c
 *
 * SYNC.md "Conflicts (what users see)": for each clash, every field as *yours* and *current*,
 * with who changed it and when, and three ways out: Keep Current, Use Mine, or an edited
 * combination of the two for text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-conflicts-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-conflicts-window.h"
#include "ib-enums.h"
#include "ib-format.h"
#include "ib-store-sync.h"

struct _IbConflictsWindow
{
  AdwWindow      parent_instance;

  /* template */
  GtkStack      *stack;
  GtkBox        *list_box;

  /* owned */
  IbSyncService *service;
};

G_DEFINE_FINAL_TYPE (IbConflictsWindow, ib_conflicts_window, ADW_TYPE_WINDOW)

typedef enum
{
  CHOICE_KEEP_CURRENT,
  CHOICE_USE_MINE,
  CHOICE_COMBINED,
  CHOICE_RESTORE,     /* records a delete kept: bring the deleted record back */
  CHOICE_DELETE_REST, /* records a delete kept: delete them too */
} Choice;

static void rebuild (IbConflictsWindow *self);

static void
decide (IbConflictsWindow *self,
        GtkWidget         *group,
        Choice             choice)
{
  JsonObject *conflict = g_object_get_data (G_OBJECT (group), "conflict");
  GPtrArray *entries = g_object_get_data (G_OBJECT (group), "entries");
  JsonObject *mine = json_object_get_object_member (conflict, "mine");
  g_autoptr (JsonObject) set = json_object_new ();
  g_autoptr (GError) error = NULL;

  if (choice != CHOICE_KEEP_CURRENT)
    {
      g_autoptr (GList) names = json_object_get_members (mine);

      for (GList *l = names; l != NULL; l = l->next)
        json_object_set_member (set, l->data, json_node_copy (json_object_get_member (mine, l->data)));
    }

  if (choice == CHOICE_COMBINED)
    for (guint i = 0; entries != NULL && i < entries->len; i++)
      {
        GtkEditable *entry = entries->pdata[i];

        json_object_set_string_member (set, g_object_get_data (G_OBJECT (entry), "field"),
                                       gtk_editable_get_text (entry));
      }

  /* Keep the conflict's id: rebuilding below frees the group that holds it. */
  if (choice == CHOICE_RESTORE || choice == CHOICE_DELETE_REST
      ? !ib_sync_service_resolve_kept (self->service, json_object_get_string_member (conflict, "conflict_id"),
                                       choice == CHOICE_DELETE_REST, &error)
      : !ib_sync_service_resolve (self->service, json_object_get_string_member (conflict, "conflict_id"),
                                  set, &error))
    {
      GtkWidget *label = gtk_label_new (error->message);

      gtk_widget_add_css_class (label, "error");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
      return;
    }

  rebuild (self);
}

static void
on_keep_current_cb (GtkButton         *button,
                    IbConflictsWindow *self)
{
  decide (self, g_object_get_data (G_OBJECT (button), "group"), CHOICE_KEEP_CURRENT);
}

static void
on_use_mine_cb (GtkButton         *button,
                IbConflictsWindow *self)
{
  decide (self, g_object_get_data (G_OBJECT (button), "group"), CHOICE_USE_MINE);
}

static void
on_combined_cb (GtkButton         *button,
                IbConflictsWindow *self)
{
  decide (self, g_object_get_data (G_OBJECT (button), "group"), CHOICE_COMBINED);
}

static void
on_restore_cb (GtkButton         *button,
               IbConflictsWindow *self)
{
  decide (self, g_object_get_data (G_OBJECT (button), "group"), CHOICE_RESTORE);
}

static void
on_delete_rest_cb (GtkButton         *button,
                   IbConflictsWindow *self)
{
  decide (self, g_object_get_data (G_OBJECT (button), "group"), CHOICE_DELETE_REST);
}

static GtkWidget *
decision_button (IbConflictsWindow *self,
                 GtkWidget         *group,
                 const char        *label,
                 GCallback          callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  g_object_set_data (G_OBJECT (button), "group", group);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

/* "Exempt, paragraph 3" or "Public": how a record's publication status reads elsewhere too. */
static char *
format_class (const char *klass,
              gint64      paragraph)
{
  if (g_strcmp0 (klass, "exempt") == 0 && paragraph > 0)
    return g_strdup_printf (_("Exempt, paragraph %d"), (int) paragraph);
  return g_strdup (ib_enum_label (&ib_enum_class, g_strcmp0 (klass, "exempt") == 0 ? "exempt" : "public"));
}

/* A delete by someone who could not see all of a record's contents kept what they could not
 * see; a person who can see it decides. Nothing here is theirs to merge, only to settle. */
static GtkWidget *
build_kept_group (IbConflictsWindow  *self,
                  JsonObject         *conflict,
                  const IbRecordType *type)
{
  JsonObject *theirs = json_object_get_object_member (conflict, "theirs");
  g_autoptr (IbRecord) shown = type != NULL ? ib_record_new (type) : NULL;
  g_autoptr (GList) names = theirs != NULL ? json_object_get_members (theirs) : NULL;
  g_autofree char *name = NULL, *title = NULL, *description = NULL, *restore = NULL;
  const char *author = json_object_get_string_member_with_default (conflict, "author", NULL);
  guint kept = (guint) json_object_get_int_member_with_default (conflict, "kept", 0);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *delete_rest;

  for (GList *l = names; shown != NULL && l != NULL; l = l->next)
    json_object_set_member (ib_record_get_fields (shown), l->data, json_node_copy (json_object_get_member (theirs, l->data)));
  name = shown != NULL ? ib_format_record_name (shown) : g_strdup ("");
  title = g_strdup_printf ("%s: %s", ib_format_record_type (json_object_get_string_member (conflict, "type")), name);

  g_object_set_data_full (G_OBJECT (group), "conflict", json_object_ref (conflict), (GDestroyNotify) json_object_unref);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              /* Translators: %1$s is a user name; %2$u how many records they could not see */
                                              "%1$s deleted this, but could not see %2$u Exempt record in it, so that record was kept. Restore what was deleted, or delete the kept record too.",
                                              "%1$s deleted this, but could not see %2$u Exempt records in it, so those records were kept. Restore what was deleted, or delete the kept records too.",
                                              kept),
                                 author != NULL ? author : _("a colleague"), kept);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 12);
  /* Translators: %s is a record type, "Plan" */
  restore = g_strdup_printf (_("_Restore %s"), ib_format_record_type (json_object_get_string_member (conflict, "type")));
  gtk_box_append (GTK_BOX (buttons), decision_button (self, group, restore, G_CALLBACK (on_restore_cb)));
  delete_rest = decision_button (self, group, g_dngettext (GETTEXT_PACKAGE, "_Delete It Too", "_Delete Them Too", kept),
                                 G_CALLBACK (on_delete_rest_cb));
  gtk_widget_add_css_class (delete_rest, "destructive-action");
  gtk_box_append (GTK_BOX (buttons), delete_rest);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), buttons);

  return group;
}

static GtkWidget *
build_group (IbConflictsWindow *self,
             JsonObject        *conflict)
{
  IbStore *store = ib_sync_service_get_store (self->service);
  const char *type_name = json_object_get_string_member (conflict, "type");
  const IbRecordType *type = ib_record_type_find (type_name);
  JsonObject *mine = json_object_get_object_member (conflict, "mine");
  JsonObject *theirs = json_object_get_object_member (conflict, "theirs");
  g_autoptr (IbRecord) record = type != NULL ? ib_store_get (store, type, json_object_get_string_member (conflict, "id"), NULL) : NULL;
  g_autoptr (GList) names = json_object_get_members (mine);
  g_autofree char *name = record != NULL ? ib_format_record_name (record) : g_strdup ("");
  g_autofree char *title = g_strdup_printf ("%s: %s", ib_format_record_type (type_name), name);
  g_autofree char *description = NULL;
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *use_mine, *combined;
  GPtrArray *entries = g_ptr_array_new ();
  const char *by = record != NULL ? ib_record_get_updated_by (record) : NULL;
  const char *at = record != NULL ? ib_record_get_updated_at (record) : NULL;
  g_autoptr (GDateTime) when_utc = at != NULL ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
  g_autoptr (GDateTime) when = when_utc != NULL ? g_date_time_to_local (when_utc) : NULL;
  g_autofree char *when_date = NULL, *when_time = NULL;

  g_object_set_data_full (G_OBJECT (group), "conflict", json_object_ref (conflict), (GDestroyNotify) json_object_unref);
  g_object_set_data_full (G_OBJECT (group), "entries", entries, (GDestroyNotify) g_ptr_array_unref);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (when != NULL)
    {
      g_autofree char *ymd = g_date_time_format (when, "%Y-%m-%d");

      when_date = ib_format_date (ymd);
      when_time = g_date_time_format (when, "%H:%M");
      /* Translators: %1$s is who made the current value on the server, %2$s a date, %3$s a time */
      description = g_strdup_printf (_("Your offline edit on this device clashed with a change by %1$s on %2$s at %3$s. Choose what the record should say."),
                                     by != NULL ? by : _("a colleague"), when_date, when_time);
    }
  else
    /* Translators: %s is who made the current value on the server */
    description = g_strdup_printf (_("Your offline edit on this device clashed with a change by %s. Choose what the record should say."),
                                   by != NULL ? by : _("a colleague"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *field = l->data;
      const IbFieldSpec *spec = type != NULL ? ib_record_type_field (type, field) : NULL;

      /* The class the edit asked for reads as one row beside the record's class now. */
      if (g_str_equal (field, "exempt_paragraph"))
        continue;
      if (g_str_equal (field, "class"))
        {
          g_autofree char *yours = format_class (json_object_get_string_member (mine, "class"),
                                                 json_object_get_int_member_with_default (mine, "exempt_paragraph", 0));
          g_autofree char *current = format_class (record != NULL ? ib_record_get_class (record) : "public",
                                                   record != NULL ? ib_record_get_exempt_paragraph (record) : 0);
          g_autofree char *subtitle = g_strdup_printf (_("Yours: %s\nCurrent: %s"), yours, current);
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Publication"));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          continue;
        }
      g_autofree char *label = ib_format_field_name (field);
      g_autofree char *yours = ib_format_field_value (type, field, json_object_get_member (mine, field));
      g_autofree char *current = ib_format_field_value (type, field, json_object_get_member (theirs, field));
      /* Translators: compares two values of one field; "Yours" is the person's offline edit */
      g_autofree char *subtitle = g_strdup_printf (_("Yours: %s\nCurrent: %s"), yours, current);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

      if (spec != NULL && spec->kind == IB_FIELD_TEXT)
        {
          GtkWidget *entry = adw_entry_row_new ();
          /* Translators: an editable merge of both versions of a text field */
          g_autofree char *entry_title = g_strdup_printf (_("Combined %s"), label);
          const char *start = json_object_get_string_member_with_default (mine, field, "");

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), entry_title);
          gtk_editable_set_text (GTK_EDITABLE (entry), start);
          g_object_set_data_full (G_OBJECT (entry), "field", g_strdup (field), g_free);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), entry);
          g_ptr_array_add (entries, entry);
        }
    }

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 12);
  gtk_box_append (GTK_BOX (buttons), decision_button (self, group, _("_Keep Current"), G_CALLBACK (on_keep_current_cb)));
  use_mine = decision_button (self, group, _("_Use Mine"), G_CALLBACK (on_use_mine_cb));
  gtk_box_append (GTK_BOX (buttons), use_mine);
  if (entries->len > 0)
    {
      combined = decision_button (self, group, _("Save _Combined"), G_CALLBACK (on_combined_cb));
      gtk_widget_add_css_class (combined, "suggested-action");
      gtk_box_append (GTK_BOX (buttons), combined);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), buttons);

  return group;
}

static void
rebuild (IbConflictsWindow *self)
{
  g_autoptr (GPtrArray) conflicts = ib_store_sync_list_conflicts (ib_sync_service_get_store (self->service));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_box_remove (self->list_box, child);

  for (guint i = 0; i < conflicts->len; i++)
    {
      JsonObject *conflict = conflicts->pdata[i];

      if (g_strcmp0 (json_object_get_string_member_with_default (conflict, "reason", NULL), "hidden_children") == 0)
        gtk_box_append (self->list_box,
                        build_kept_group (self, conflict,
                                          ib_record_type_find (json_object_get_string_member (conflict, "type"))));
      else
        gtk_box_append (self->list_box, build_group (self, conflict));
    }

  gtk_stack_set_visible_child_name (self->stack, conflicts->len > 0 ? "list" : "empty");
}

static void
ib_conflicts_window_dispose (GObject *object)
{
  IbConflictsWindow *self = (IbConflictsWindow *) object;

  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_CONFLICTS_WINDOW);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (ib_conflicts_window_parent_class)->dispose (object);
}

static void
ib_conflicts_window_class_init (IbConflictsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_conflicts_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-conflicts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, IbConflictsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, IbConflictsWindow, list_box);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ib_conflicts_window_init (IbConflictsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

IbConflictsWindow *
ib_conflicts_window_new (GtkWindow     *parent,
                         IbSyncService *service)
{
  IbConflictsWindow *self;

  g_return_val_if_fail (IB_IS_SYNC_SERVICE (service), NULL);

  self = g_object_new (IB_TYPE_CONFLICTS_WINDOW, "transient-for", parent, NULL);
  self->service = g_object_ref (service);
  /* A pull may bring new conflicts, or another device's decisions, while this is open. */
  g_signal_connect_swapped (service, "notify::conflicts", G_CALLBACK (rebuild), self);
  rebuild (self);
  return self;
}
