/* ib-council-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-council-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-council.h"
#include "ib-council-page.h"
#include "ib-national-grades.h"
#include "ib-toasts.h"

struct _IbCouncilPage
{
  AdwPreferencesPage  parent_instance;

  /* template */
  AdwEntryRow        *code_row;
  AdwEntryRow        *neighbours_row;
  GtkWidget          *suggest_row;
  GtkWidget          *names_row;

  /* owned */
  IbStore            *store;
};

G_DEFINE_FINAL_TYPE (IbCouncilPage, ib_council_page, ADW_TYPE_PREFERENCES_PAGE)

static void
say (IbCouncilPage *self,
     const char    *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    ib_toasts_add_to (GTK_WIDGET (self), adw_toast_new (escaped));
}

/* Returns the neighbours to offer for @code: the DfE's list shipped with the app, or for a
 * council it does not have, the list an imported Ofsted summary gave (transfer full). */
static GStrv
suggestion (IbCouncilPage *self,
            const char    *code)
{
  GStrv list;

  if (code == NULL)
    return g_new0 (char *, 1);
  list = ib_council_dfe_neighbours (code);
  if (list[0] != NULL)
    return list;
  g_strfreev (list);
  return ib_national_suggest_neighbours (self->store, code);
}

/* Returns @codes by name, where the imported summary or the shipped list names them. */
static char *
names_of (IbCouncilPage      *self,
          const char * const *codes)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autofree char *name = ib_national_la_name (self->store, codes[i]);

      if (name == NULL)
        name = ib_council_dfe_name (codes[i]);
      g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", name != NULL ? name : codes[i]);
    }
  return g_string_free (names, FALSE);
}

/* Shows the settings as stored, the neighbours by name, and offers the DfE's list. */
static void
refresh (IbCouncilPage *self)
{
  g_autofree char *code = ib_council_dup_la_code (self->store);
  g_auto (GStrv) neighbours = ib_council_dup_neighbours (self->store);
  g_auto (GStrv) suggested = suggestion (self, code);
  g_autofree char *joined = g_strjoinv (", ", neighbours);
  g_autofree char *names = names_of (self, (const char * const *) neighbours);
  g_autofree char *suggested_names = names_of (self, (const char * const *) suggested);

  gtk_editable_set_text (GTK_EDITABLE (self->code_row), code != NULL ? code : "");
  gtk_editable_set_text (GTK_EDITABLE (self->neighbours_row), joined);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->names_row), names);
  gtk_widget_set_visible (self->names_row, *names != '\0');

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->suggest_row),
                               suggested[0] != NULL ? suggested_names
                                                    : _("Import an Ofsted outcomes summary that lists them, such as Data to Insight’s ILACS summary, to be offered them here."));
  gtk_widget_set_sensitive (self->suggest_row, suggested[0] != NULL);
}

static gboolean
save_neighbours (IbCouncilPage *self,
                 const char    *text)
{
  g_auto (GStrv) codes = g_strsplit (text, ",", -1);
  g_autoptr (GError) error = NULL;

  if (!ib_council_set_neighbours (self->store, (const char * const *) codes, &error))
    {
      say (self, error->message);
      return FALSE;
    }
  refresh (self);
  say (self, _("Statistical neighbours saved"));
  return TRUE;
}

/* A council with no neighbours chosen yet gets the DfE's as the default with its code: the
 * comparisons then work at once, and the list stays there to change. */
static void
on_code_apply_cb (IbCouncilPage *self)
{
  g_autoptr (GError) error = NULL;

  if (!ib_council_set_la_code (self->store, gtk_editable_get_text (GTK_EDITABLE (self->code_row)), &error))
    {
      say (self, error->message);
      return;
    }
  if (ib_council_default_neighbours (self->store, &error))
    {
      refresh (self);
      say (self, _("Council code saved, with the DfE’s ten statistical neighbours"));
      return;
    }
  refresh (self);
  say (self, error != NULL ? error->message : _("Council code saved"));
}

static void
on_neighbours_apply_cb (IbCouncilPage *self)
{
  save_neighbours (self, gtk_editable_get_text (GTK_EDITABLE (self->neighbours_row)));
}

static void
on_suggest_cb (IbCouncilPage *self)
{
  g_autofree char *code = ib_council_dup_la_code (self->store);
  g_auto (GStrv) suggested = suggestion (self, code);
  g_autofree char *joined = g_strjoinv (",", suggested);

  if (*joined != '\0')
    save_neighbours (self, joined);
}

static void
ib_council_page_dispose (GObject *object)
{
  IbCouncilPage *self = (IbCouncilPage *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_COUNCIL_PAGE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ib_council_page_parent_class)->dispose (object);
}

static void
ib_council_page_class_init (IbCouncilPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_council_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-council-page.ui");
  gtk_widget_class_bind_template_child (widget_class, IbCouncilPage, code_row);
  gtk_widget_class_bind_template_child (widget_class, IbCouncilPage, neighbours_row);
  gtk_widget_class_bind_template_child (widget_class, IbCouncilPage, suggest_row);
  gtk_widget_class_bind_template_child (widget_class, IbCouncilPage, names_row);
  gtk_widget_class_bind_template_callback (widget_class, on_code_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_neighbours_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_suggest_cb);
}

static void
ib_council_page_init (IbCouncilPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

IbCouncilPage *
ib_council_page_new (IbStore *store)
{
  IbCouncilPage *self;

  g_return_val_if_fail (IB_IS_STORE (store), NULL);

  self = g_object_new (IB_TYPE_COUNCIL_PAGE, NULL);
  self->store = g_object_ref (store);
  refresh (self);
  return self;
}

GtkWindow *
ib_council_page_new_window (GtkWindow *parent,
                            IbStore   *store)
{
  GtkWidget *window = adw_preferences_window_new ();

  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (window), FALSE);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (ib_council_page_new (store)));
  return GTK_WINDOW (window);
}
