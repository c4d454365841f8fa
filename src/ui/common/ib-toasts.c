/* ib-toasts.c
 *
 * libadwaita 1.2's toast overlay frees a toast while its entrance can still be running: a toast
 * that slides in over one still leaving (half a second) and is dismissed in its first moments
 * (Undo clicked twice, the second click landing on the toast that took the first one's place)
 * has the end of its animation call back into freed memory, and the app crashes. Its entrance
 * and exit take as long, and are timed from frame-clock guesses, so a toast dismissed within a
 * frame or two of coming in can crash it too. So the overlay is given a toast only when it holds
 * none, shown or leaving: one that comes while another is shown sends it away (High priority,
 * as libadwaita's own replacing would) or waits behind it (Normal), and each waits for the
 * leaving one's widget to be gone. And a toast is dismissed, by a click or by a toast that
 * replaces it, only once its entrance is over: until then it takes no pointer or keyboard (a
 * double click on Undo does not land on the toast that slid into its place).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-toasts"

#include "config.h"

#include "ib-toasts.h"

/* How often a toast waiting for another to finish leaving looks again. */
#define LEAVING_POLL_MS 50

/* libadwaita 1.2's entrance is 300 ms (500 over a leaving toast) of frame-clock time from
 * about the first frame; this is past it. */
#define ENTRANCE_US (600 * G_USEC_PER_SEC / 1000)

typedef struct
{
  AdwToastOverlay *overlay;   /* unowned: this is its data */
  AdwToast        *shown;     /* owned: on the overlay and not yet dismissed, or NULL */
  GtkWidget       *widget;    /* owned: the overlay's widget of @shown while it comes in */
  guint            tick_id;   /* on @widget, until the entrance is over */
  gint64           first_frame;
  gboolean         replaced;  /* @shown is to go once its entrance is over */
  GQueue           waiting;   /* owned AdwToasts */
  guint            poll_id;
} Toasts;

static void pump (Toasts *toasts);

/* Lets go of the shown toast's widget, which takes clicks again. */
static void
forget_widget (Toasts *toasts)
{
  GtkWidget *widget = g_steal_pointer (&toasts->widget);

  if (widget == NULL)
    return;
  if (toasts->tick_id != 0)
    gtk_widget_remove_tick_callback (widget, toasts->tick_id);
  toasts->tick_id = 0;
  gtk_widget_set_can_target (widget, TRUE);
  gtk_widget_set_can_focus (widget, TRUE);
  g_object_unref (widget);
}

/* The shown toast's entrance is over: it takes clicks, and goes if it was replaced meanwhile. */
static void
settle (Toasts *toasts)
{
  forget_widget (toasts);
  if (toasts->replaced && toasts->shown != NULL)
    adw_toast_dismiss (toasts->shown);
}

static gboolean
entrance_tick_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       data)
{
  Toasts *toasts = data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (toasts->first_frame == 0)
    toasts->first_frame = now;
  if (now - toasts->first_frame < ENTRANCE_US)
    return G_SOURCE_CONTINUE;
  toasts->tick_id = 0;
  settle (toasts);
  return G_SOURCE_REMOVE;
}

static void
toasts_free (gpointer data)
{
  Toasts *toasts = data;

  g_clear_handle_id (&toasts->poll_id, g_source_remove);
  forget_widget (toasts);
  if (toasts->shown != NULL)
    g_signal_handlers_disconnect_by_data (toasts->shown, toasts);
  g_clear_object (&toasts->shown);
  g_queue_clear_full (&toasts->waiting, g_object_unref);
  g_free (toasts);
}

static Toasts *
toasts_for (AdwToastOverlay *overlay)
{
  Toasts *toasts = g_object_get_data (G_OBJECT (overlay), "ib-toasts");

  if (toasts == NULL)
    {
      toasts = g_new0 (Toasts, 1);
      toasts->overlay = overlay;
      g_queue_init (&toasts->waiting);
      g_object_set_data_full (G_OBJECT (overlay), "ib-toasts", toasts, toasts_free);
    }
  return toasts;
}

/* A toast widget is the overlay's child until its leaving animation is over. */
static gboolean
overlay_holds_toast (AdwToastOverlay *overlay)
{
  GtkWidget *content = adw_toast_overlay_get_child (overlay);

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (overlay)); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (c != content)
      return TRUE;
  return FALSE;
}

static gboolean
poll_cb (gpointer data)
{
  Toasts *toasts = data;

  toasts->poll_id = 0;
  pump (toasts);
  return G_SOURCE_REMOVE;
}

static void
on_dismissed_cb (AdwToast *toast,
                 Toasts   *toasts)
{
  if (toast != toasts->shown)
    return;
  g_signal_handlers_disconnect_by_data (toast, toasts);
  forget_widget (toasts);
  g_clear_object (&toasts->shown);
  toasts->replaced = FALSE;
  pump (toasts);
}

static void
pump (Toasts *toasts)
{
  AdwToast *next;
  GtkWidget *widget;

  if (toasts->shown != NULL || toasts->poll_id != 0 || g_queue_is_empty (&toasts->waiting))
    return;
  if (overlay_holds_toast (toasts->overlay))
    {
      toasts->poll_id = g_timeout_add (LEAVING_POLL_MS, poll_cb, toasts);
      return;
    }
  next = g_queue_pop_head (&toasts->waiting);
  toasts->shown = g_object_ref (next);
  g_signal_connect (next, "dismissed", G_CALLBACK (on_dismissed_cb), toasts);
  adw_toast_overlay_add_toast (toasts->overlay, next);

  /* Unmapped, libadwaita skips the animations: nothing to wait for. Else the toast's widget
   * is the overlay's newest child. */
  widget = gtk_widget_get_last_child (GTK_WIDGET (toasts->overlay));
  if (!gtk_widget_get_mapped (GTK_WIDGET (toasts->overlay)) || widget == NULL ||
      widget == adw_toast_overlay_get_child (toasts->overlay))
    return;
  toasts->widget = g_object_ref (widget);
  gtk_widget_set_can_target (toasts->widget, FALSE);
  gtk_widget_set_can_focus (toasts->widget, FALSE);
  toasts->first_frame = 0;
  toasts->tick_id = gtk_widget_add_tick_callback (toasts->widget, entrance_tick_cb, toasts, NULL);
}

/* A new toast with what @toast says and does, for one sent away that must come back. */
static AdwToast *
copy_toast (AdwToast *toast)
{
  AdwToast *copy = adw_toast_new (adw_toast_get_title (toast));

  adw_toast_set_button_label (copy, adw_toast_get_button_label (toast));
  adw_toast_set_action_name (copy, adw_toast_get_action_name (toast));
  adw_toast_set_action_target_value (copy, adw_toast_get_action_target_value (toast));
  adw_toast_set_priority (copy, adw_toast_get_priority (toast));
  adw_toast_set_timeout (copy, adw_toast_get_timeout (toast));
  return copy;
}

void
ib_toasts_add (AdwToastOverlay *overlay,
               AdwToast        *toast)
{
  Toasts *toasts;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  toasts = toasts_for (overlay);
  if (adw_toast_get_priority (toast) == ADW_TOAST_PRIORITY_HIGH)
    {
      AdwToast *shown = toasts->shown;

      /* Ahead of the Normal ones, behind the High ones that came before it. */
      GList *after = NULL;

      for (GList *l = toasts->waiting.head; l != NULL && adw_toast_get_priority (l->data) == ADW_TOAST_PRIORITY_HIGH; l = l->next)
        after = l;
      if (after != NULL)
        g_queue_insert_after (&toasts->waiting, after, toast);
      else
        g_queue_push_head (&toasts->waiting, toast);

      /* A lasting toast (a sign-in to do) is still true after this one: it comes back. One
       * that times out would only have come back to time out again. */
      if (shown != NULL && adw_toast_get_timeout (shown) == 0)
        g_queue_push_tail (&toasts->waiting, copy_toast (shown));
      /* Sent away now, or once it has come in (at once when nothing is drawn). */
      if (toasts->widget != NULL && !gtk_widget_get_mapped (toasts->widget))
        forget_widget (toasts);
      if (shown != NULL && toasts->widget == NULL)
        adw_toast_dismiss (shown);
      else if (shown != NULL)
        toasts->replaced = TRUE;
    }
  else
    g_queue_push_tail (&toasts->waiting, toast);
  pump (toasts);
}

/* The first toast overlay under @widget, depth first. */
static AdwToastOverlay *
find_overlay_under (GtkWidget *widget)
{
  if (ADW_IS_TOAST_OVERLAY (widget))
    return ADW_TOAST_OVERLAY (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *found = find_overlay_under (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

AdwToastOverlay *
ib_toasts_find_overlay (GtkWidget *widget)
{
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);
  return root != NULL ? find_overlay_under (GTK_WIDGET (root)) : NULL;
}

void
ib_toasts_add_to (GtkWidget *widget,
                  AdwToast  *toast)
{
  AdwToastOverlay *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  /* An AdwPreferencesWindow keeps its overlay to itself, and its add_toast () has the flaw
   * this file works around: its toasts go on that overlay one at a time too. */
  overlay = ib_toasts_find_overlay (widget);
  if (overlay != NULL)
    ib_toasts_add (overlay, toast);
  else
    {
      g_warning ("No toast overlay for “%s”", adw_toast_get_title (toast));
      g_object_unref (toast);
    }
}

guint
ib_toasts_get_n_waiting (AdwToastOverlay *overlay)
{
  Toasts *toasts;

  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (overlay), 0);

  toasts = g_object_get_data (G_OBJECT (overlay), "ib-toasts");
  return toasts != NULL ? g_queue_get_length (&toasts->waiting) : 0;
}

AdwToast *
ib_toasts_get_shown (AdwToastOverlay *overlay)
{
  Toasts *toasts;

  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (overlay), NULL);

  toasts = g_object_get_data (G_OBJECT (overlay), "ib-toasts");
  return toasts != NULL ? toasts->shown : NULL;
}
