/* test-load-apart.c: a model's load read apart is taken in once, on the main thread, with the
 * changes committed while it was read, and two loads finished together a frame apart; a load
 * started again or a loader freed mid-read is never taken; a file that cannot be opened a
 * second time is read on the main thread instead
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gstdio.h>

#include "ib-demo.h"
#include "ib-load-apart.h"
#include "ib-store-bootstrap.h"
#include "ib-store-watch.h"
#include "ib-test-util.h"

/* The worker's load waits here while the gate is held, so a test can act mid-read. */
static GMutex gate_lock;
static GCond gate_cond;
static gboolean gate_held;
static guint gate_entered;
static guint gate_left;    /* loads read on a worker to the end */
static GThread *main_thread;

static void
gate_hold (void)
{
  g_mutex_lock (&gate_lock);
  gate_held = TRUE;
  gate_entered = 0;
  gate_left = 0;
  g_mutex_unlock (&gate_lock);
}

static void
gate_open (void)
{
  g_mutex_lock (&gate_lock);
  gate_held = FALSE;
  g_cond_broadcast (&gate_cond);
  g_mutex_unlock (&gate_lock);
}

/* Waits until the gate's counter @count (gate_entered or gate_left) reaches @n. */
static void
gate_wait (const guint *count,
           guint        n)
{
  g_mutex_lock (&gate_lock);
  while (*count < n)
    g_cond_wait (&gate_cond, &gate_lock);
  g_mutex_unlock (&gate_lock);
}

static void
gate_leave (void)
{
  g_mutex_lock (&gate_lock);
  gate_left++;
  g_cond_broadcast (&gate_cond);
  g_mutex_unlock (&gate_lock);
}

static guint
gate_get_entered (void)
{
  guint n;

  g_mutex_lock (&gate_lock);
  n = gate_entered;
  g_mutex_unlock (&gate_lock);
  return n;
}

static void
gate_pass (void)
{
  g_mutex_lock (&gate_lock);
  gate_entered++;
  g_cond_broadcast (&gate_cond);
  while (gate_held)
    g_cond_wait (&gate_cond, &gate_lock);
  g_mutex_unlock (&gate_lock);
}

/* A model with nothing but a load: it counts the risks it read and what its loader asked. */
#define TEST_TYPE_MODEL (test_model_get_type ())
G_DECLARE_FINAL_TYPE (TestModel, test_model, TEST, MODEL, GObject)

struct _TestModel
{
  GObject      parent_instance;

  IbReader    *reader;
  IbLoadApart *loader;
  guint        n_risks;     /* as last loaded or taken */
  gboolean     on_worker;   /* what was shown was read on another thread */
  guint        loads;       /* on this thread */
  guint        takes;
  guint        shows;
  guint        patches;
  GHashTable  *patched;     /* risk ids */
  gboolean     refuse;      /* the next take () asks for the load to be read again */
};

G_DEFINE_FINAL_TYPE (TestModel, test_model, G_TYPE_OBJECT)

static void
test_model_dispose (GObject *object)
{
  TestModel *self = TEST_MODEL (object);

  g_clear_pointer (&self->loader, ib_load_apart_free);
  g_clear_pointer (&self->reader, ib_reader_free);
  G_OBJECT_CLASS (test_model_parent_class)->dispose (object);
}

static void
test_model_finalize (GObject *object)
{
  g_hash_table_unref (TEST_MODEL (object)->patched);
  G_OBJECT_CLASS (test_model_parent_class)->finalize (object);
}

static void
test_model_class_init (TestModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = test_model_dispose;
  G_OBJECT_CLASS (klass)->finalize = test_model_finalize;
}

static void
test_model_init (TestModel *self)
{
  self->patched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
model_load (gpointer model)
{
  TestModel *self = model;
  g_autoptr (GPtrArray) risks = NULL;

  self->on_worker = g_thread_self () != main_thread;
  if (self->on_worker)
    gate_pass ();
  else
    self->loads++;
  ib_reader_begin (self->reader);
  risks = ib_reader_list_where (self->reader, &ib_type_risk, NULL, NULL);
  ib_reader_end (self->reader);
  self->n_risks = risks->len;
  if (self->on_worker)
    gate_leave ();
}

/* What the main loop ran, in order: S a model shown, F a frame (see frame_cb ()). */
static GString *ran;
static guint frame_id;

/* As GDK's frame clock: a show queues a frame, run at drawing's priority. */
static gboolean
frame_cb (gpointer data)
{
  g_string_append_c (ran, 'F');
  frame_id = 0;
  return G_SOURCE_REMOVE;
}

static void
model_show (gpointer model)
{
  TEST_MODEL (model)->shows++;
  if (ran != NULL)
    {
      g_string_append_c (ran, 'S');
      if (frame_id == 0)
        frame_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, frame_cb, NULL, NULL);
    }
}

static gboolean
model_take (gpointer model,
            gpointer data)
{
  TestModel *self = model, *apart = data;

  self->takes++;
  if (self->refuse)
    {
      self->refuse = FALSE;
      return FALSE;
    }
  self->n_risks = apart->n_risks;
  self->on_worker = apart->on_worker;
  return TRUE;
}

static gboolean
model_patch (gpointer    model,
             GHashTable *changes)
{
  TestModel *self = model;

  self->patches++;
  ib_store_watch_changes_add_ids (changes, "risk", self->patched);
  return TRUE;
}

static const char * const watched_types[] = { "risk", NULL };

static const IbLoadApartFuncs model_funcs = {
  G_STRUCT_OFFSET (TestModel, reader), NULL, model_load, model_show, model_take, model_patch,
};

static TestModel *
model_new (IbStore *store)
{
  TestModel *self = g_object_new (TEST_TYPE_MODEL, NULL);

  self->reader = ib_reader_new_for_store (store);
  self->loader = ib_load_apart_new (self, store, watched_types, &model_funcs);
  return self;
}

/* Starts a load read apart and returns once the worker is inside it, held at the gate. */
static void
start_held (TestModel *model)
{
  gate_hold ();
  ib_load_apart_start (model->loader);
  gate_wait (&gate_entered, 1);
}

/* What the loader has asked of @model so far: takes, shows, patches, loads here. */
#define ASSERT_ASKED(model, n_takes, n_shows, n_patches, n_loads) G_STMT_START { \
  g_assert_cmpuint ((model)->takes, ==, (n_takes));                               \
  g_assert_cmpuint ((model)->shows, ==, (n_shows));                               \
  g_assert_cmpuint ((model)->patches, ==, (n_patches));                           \
  g_assert_cmpuint ((model)->loads, ==, (n_loads));                               \
} G_STMT_END

static void
wait_loaded (TestModel *model)
{
  while (ib_load_apart_is_loading (model->loader))
    g_main_context_iteration (NULL, TRUE);
}

/* Runs what is due at idle, so a change committed is offered to the loader. */
static void
run_idles (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef struct
{
  char    *dir;
  char    *path;
  IbStore *store;
  guint    n_risks;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->dir = ib_test_make_dir ();
  f->path = g_build_filename (f->dir, "board.db", NULL);
  f->store = ib_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ib_demo_load (f->store, &error), >, 0);
  g_assert_no_error (error);
  f->n_risks = ib_store_count (f->store, &ib_type_risk);
  g_assert_cmpuint (f->n_risks, >, 0);
  gate_open ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gate_open ();
  g_clear_object (&f->store);
  ib_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Read on a worker, taken in once and shown; nothing on this thread. */
static void
test_reads_on_worker (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (TestModel) model = model_new (f->store);

  ib_load_apart_first_load (model->loader, TRUE);
  g_assert_true (ib_load_apart_is_loading (model->loader));
  g_assert_cmpuint (model->n_risks, ==, 0);
  wait_loaded (model);
  g_assert_true (model->on_worker);
  g_assert_cmpuint (model->n_risks, ==, f->n_risks);
  ASSERT_ASKED (model, 1, 1, 0, 0);

  /* A reload once it is in reads here. */
  ib_load_apart_reload (model->loader);
  g_assert_false (ib_load_apart_is_loading (model->loader));
  g_assert_false (model->on_worker);
  ASSERT_ASKED (model, 1, 2, 0, 1);
}

/* Started again mid-read: the first read is cancelled and never taken; a reload asked for
 * meanwhile starts it again rather than reading here. */
static void
test_restart_mid_load (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (TestModel) model = model_new (f->store);

  start_held (model);
  ib_load_apart_reload (model->loader);
  g_assert_true (ib_load_apart_is_loading (model->loader));
  ASSERT_ASKED (model, 0, 0, 0, 0);
  gate_open ();
  wait_loaded (model);
  g_assert_cmpuint (gate_get_entered (), ==, 2);
  ASSERT_ASKED (model, 1, 1, 0, 0);
  g_assert_cmpuint (model->n_risks, ==, f->n_risks);

  /* take () refusing what was read (a choice made meanwhile) has it read again. */
  model->refuse = TRUE;
  ib_load_apart_start (model->loader);
  wait_loaded (model);
  ASSERT_ASKED (model, 3, 2, 0, 0);
}

/* The last reference may be the worker's, dropped on its thread after the call-back ran. */
static void
weak_notify_cb (gpointer  data,
                GObject  *gone)
{
  g_atomic_int_set ((int *) data, TRUE);
  g_main_context_wakeup (NULL);
}

/* The loader freed mid-read (the model disposed): the read lands on nothing of it. */
static void
test_free_mid_load (Fixture       *f,
                    gconstpointer  data)
{
  TestModel *model = model_new (f->store);
  int finalized = FALSE;

  g_object_weak_ref (G_OBJECT (model), weak_notify_cb, &finalized);
  start_held (model);
  g_clear_pointer (&model->loader, ib_load_apart_free);
  gate_open ();
  ASSERT_ASKED (model, 0, 0, 0, 0);
  /* The read holds the model until it has called back. */
  g_object_unref (model);
  while (!g_atomic_int_get (&finalized))
    g_main_context_iteration (NULL, TRUE);
}

/* A change committed while the load is read is kept, not taken in at idle, and given to
 * patch () once the load is taken, whichever side of the read it fell on. */
static void
test_changes_during_load (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr (TestModel) model = model_new (f->store);
  g_autoptr (GListModel) risks = ib_store_list (f->store, &ib_type_risk);
  g_autoptr (IbRecord) first = g_list_model_get_item (risks, 0);
  g_autoptr (IbRecord) risk = ib_record_copy (first);
  g_autoptr (GError) error = NULL;

  start_held (model);
  ib_record_set_string (risk, "title", "Retitled while the register was read");
  g_assert_true (ib_store_update (f->store, risk, &error));
  g_assert_no_error (error);
  run_idles ();
  ASSERT_ASKED (model, 0, 0, 0, 0);
  g_assert_true (ib_load_apart_is_loading (model->loader));

  gate_open ();
  wait_loaded (model);
  /* patch () shows what it took in: no show besides. */
  ASSERT_ASKED (model, 1, 0, 1, 0);
  g_assert_true (g_hash_table_contains (model->patched, ib_record_get_id (risk)));

  /* Once loaded, a change is taken in at idle. */
  ib_record_set_string (risk, "title", "Retitled once loaded");
  g_assert_true (ib_store_update (f->store, risk, &error));
  run_idles ();
  ASSERT_ASKED (model, 1, 0, 2, 0);
}

/* Every type announced whole while it was read (a bootstrap copy): it is read again apart. */
static void
test_whole_during_load (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (TestModel) model = model_new (f->store);

  start_held (model);
  ib_store_bootstrap_reloaded (f->store);
  run_idles ();
  gate_open ();
  wait_loaded (model);
  g_assert_cmpuint (gate_get_entered (), ==, 2);
  ASSERT_ASKED (model, 2, 1, 0, 0);

  /* Announced whole once loaded: read on a worker too, not here. */
  ib_store_bootstrap_reloaded (f->store);
  while (!ib_load_apart_is_loading (model->loader))
    g_main_context_iteration (NULL, TRUE);
  wait_loaded (model);
  ASSERT_ASKED (model, 3, 2, 0, 0);
}

/* Two loads finished together are taken in a main-loop iteration apart, below drawing's
 * priority, so the frame the first queued is drawn before the second is taken: handed back as
 * GTask's call-backs are, at once, both came in one iteration and the frame after both. */
static void
test_one_taken_at_a_time (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr (TestModel) one = model_new (f->store);
  g_autoptr (TestModel) two = model_new (f->store);

  gate_hold ();
  ib_load_apart_start (one->loader);
  ib_load_apart_start (two->loader);
  gate_wait (&gate_entered, 2);
  ran = g_string_new (NULL);
  gate_open ();
  gate_wait (&gate_left, 2);
  /* Both workers' results reach the main context before it runs anything. */
  g_usleep (G_USEC_PER_SEC / 10);
  while (ib_load_apart_is_loading (one->loader) || ib_load_apart_is_loading (two->loader) || frame_id != 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (ran->str, ==, "SFSF");
  ASSERT_ASKED (one, 1, 1, 0, 0);
  ASSERT_ASKED (two, 1, 1, 0, 0);
  g_string_free (g_steal_pointer (&ran), TRUE);
}

/* The file is gone by the time the worker opens it: read here instead, once. */
static void
test_reopen_fails (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (TestModel) model = model_new (f->store);

  /* The store keeps the file it has open; a second connection finds nothing to open. */
  g_assert_cmpint (g_remove (f->path), ==, 0);
  ib_load_apart_start (model->loader);
  g_assert_true (ib_load_apart_is_loading (model->loader));
  wait_loaded (model);
  ASSERT_ASKED (model, 0, 1, 0, 1);
  g_assert_false (model->on_worker);
  g_assert_cmpuint (model->n_risks, ==, f->n_risks);
}

/* A private in-memory database cannot be read apart at all: the first load is read here,
 * before ib_load_apart_first_load () returns. */
static void
test_memory_reads_here (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (":memory:", &error);
  g_autoptr (TestModel) model = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (ib_demo_load (store, &error), >, 0);
  model = model_new (store);
  ib_load_apart_first_load (model->loader, TRUE);
  g_assert_false (ib_load_apart_is_loading (model->loader));
  g_assert_false (model->on_worker);
  ASSERT_ASKED (model, 0, 1, 0, 1);
  g_assert_cmpuint (model->n_risks, ==, ib_store_count (store, &ib_type_risk));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  main_thread = g_thread_self ();

  g_test_add ("/load-apart/reads-on-worker", Fixture, NULL, fixture_set_up, test_reads_on_worker, fixture_tear_down);
  g_test_add ("/load-apart/restart-mid-load", Fixture, NULL, fixture_set_up, test_restart_mid_load, fixture_tear_down);
  g_test_add ("/load-apart/free-mid-load", Fixture, NULL, fixture_set_up, test_free_mid_load, fixture_tear_down);
  g_test_add ("/load-apart/changes-during-load", Fixture, NULL, fixture_set_up, test_changes_during_load, fixture_tear_down);
  g_test_add ("/load-apart/whole-during-load", Fixture, NULL, fixture_set_up, test_whole_during_load, fixture_tear_down);
  g_test_add ("/load-apart/one-taken-at-a-time", Fixture, NULL, fixture_set_up, test_one_taken_at_a_time, fixture_tear_down);
  g_test_add ("/load-apart/reopen-fails", Fixture, NULL, fixture_set_up, test_reopen_fails, fixture_tear_down);
  g_test_add_func ("/load-apart/memory-reads-here", test_memory_reads_here);

  return g_test_run ();
}
