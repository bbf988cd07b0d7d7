/* tu_a11y: the widget tree over AT-SPI through ATK and atk-bridge; see tu_a11y.h.
 *
 * ATK is how GTK, Firefox, Chromium, Clutter and the Java wrapper put their trees on the
 * accessibility bus: the toolkit overrides AtkUtil's class functions (get_root for the tree,
 * add_global_event_listener so the bridge hears the objects' signals) and atk-bridge turns
 * objects and signals into AT-SPI D-Bus objects and events. Here the objects are TuA11yNode
 * (an AtkObject with children and a rectangle, implementing AtkComponent), and the window is
 * TuA11yWindow (also AtkWindow). */
#include "tu_a11y.h"

#include <stdio.h>
#include <string.h>

#ifndef TRINN_HAVE_ATK

int tu_a11y_built(void)
{
    return 0;
}

int tu_a11y_start(tu_a11y **out, const char *app_name, uint32_t wake_type, char *msg, size_t size)
{
    (void)app_name, (void)wake_type;
    *out = NULL;
    snprintf(msg, size,
             "built without ATK (cmake -DTRINN_A11Y=ON with libatk1.0-dev and "
             "libatk-bridge2.0-dev installed)");
    return -1;
}

void tu_a11y_update(tu_a11y *a, const tu_a11y_frame *f)
{
    (void)a, (void)f;
}

void tu_a11y_iterate(tu_a11y *a)
{
    (void)a;
}

void tu_a11y_stop(tu_a11y *a)
{
    (void)a;
}

#else

#include <SDL.h>
#include <atk-bridge.h>
#include <atk/atk.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <unistd.h>

#define MAX_FDS         64

typedef struct TuA11yNode TuA11yNode;
struct TuA11yNode {
    AtkObject parent;
    GPtrArray *kids;    /* TuA11yNode *, one reference each */
    TuA11yNode *holder; /* the node whose kids hold this one, or NULL */
    int index;          /* in holder->kids */
    int kept, seen;     /* tu_a11y_update's marks */
    int fresh;          /* made this frame: its states are read, not announced */
    int alert;          /* an error message: announced when it appears or changes */
    uint64_t states;    /* AtkStateType bits now */
    uint64_t told;      /* the bits the bus was last told of */
    tu_rect rect;       /* pixels in the window */
    char keys[8];       /* its number-key shortcut ("1"), or "" */
    tu_a11y *owner;
};
typedef struct {
    AtkObjectClass parent_class;
} TuA11yNodeClass;

typedef struct {
    TuA11yNode parent;
} TuA11yWindow;
typedef struct {
    TuA11yNodeClass parent_class;
} TuA11yWindowClass;

typedef struct hook {
    guint id, signal;
    gulong hook;
} hook;

struct tu_a11y {
    TuA11yNode *root;   /* role application */
    TuA11yNode *window; /* a TuA11yWindow, the root's one child */
    GHashTable *nodes;  /* key -> TuA11yNode (one reference) */
    int stamp;
    int activated; /* the window's "activate" was sent */
    int win_x, win_y;
    float px_scale;
    GArray *hooks; /* hook: the bridge's listeners */
    guint next_hook;
    GMainContext *main;

    /* the wake thread: polls fds (a copy of the context's) and the pipe, pushes wake_type */
    SDL_Thread *thread;
    SDL_mutex *lock;
    SDL_cond *cond;
    struct pollfd fds[MAX_FDS + 1];
    int n_fds, timeout, armed, quit;
    int pipe[2];
    uint32_t wake_type;
};

/* ATK's AtkUtil functions (get_root and the listeners) carry no context; the bridge is one per
 * process, and so is this. */
static tu_a11y *the_a11y;

static GType tu_a11y_node_get_type(void);
static GType tu_a11y_window_get_type(void);
#define TU_A11Y_NODE(o) ((TuA11yNode *)(o))

/* --- the objects --------------------------------------------------------------------- */

static void node_component_init(AtkComponentIface *iface);
static void window_iface_init(AtkWindowIface *iface);

G_DEFINE_TYPE_WITH_CODE(TuA11yNode, tu_a11y_node, ATK_TYPE_OBJECT,
                        G_IMPLEMENT_INTERFACE(ATK_TYPE_COMPONENT, node_component_init))
G_DEFINE_TYPE_WITH_CODE(TuA11yWindow, tu_a11y_window, tu_a11y_node_get_type(),
                        G_IMPLEMENT_INTERFACE(ATK_TYPE_WINDOW, window_iface_init))

static gint node_n_children(AtkObject *o)
{
    return (gint)TU_A11Y_NODE(o)->kids->len;
}

static AtkObject *node_ref_child(AtkObject *o, gint i)
{
    TuA11yNode *n = TU_A11Y_NODE(o);
    if (i < 0 || (guint)i >= n->kids->len)
        return NULL;
    return g_object_ref(ATK_OBJECT(g_ptr_array_index(n->kids, (guint)i)));
}

static gint node_index_in_parent(AtkObject *o)
{
    TuA11yNode *n = TU_A11Y_NODE(o);
    return n->holder ? n->index : -1;
}

static AtkStateSet *node_ref_state_set(AtkObject *o)
{
    AtkStateSet *set = ATK_OBJECT_CLASS(tu_a11y_node_parent_class)->ref_state_set(o);
    uint64_t bits = TU_A11Y_NODE(o)->states;
    for (int s = 0; s < 64 && s < ATK_STATE_LAST_DEFINED; s++)
        if (bits & (UINT64_C(1) << s))
            atk_state_set_add_state(set, (AtkStateType)s);
    return set;
}

static AtkAttributeSet *add_attribute(AtkAttributeSet *set, const char *name, const char *value)
{
    AtkAttribute *at = g_new0(AtkAttribute, 1);
    at->name = g_strdup(name);
    at->value = g_strdup(value);
    return g_slist_prepend(set, at);
}

/* "id": the widget's id; "keyshortcuts" (as ARIA's aria-keyshortcuts): its number key. */
static AtkAttributeSet *node_attributes(AtkObject *o)
{
    AtkAttributeSet *set = NULL;
    const char *id = atk_object_get_accessible_id(o);
    if (id && id[0])
        set = add_attribute(set, "id", id);
    if (TU_A11Y_NODE(o)->keys[0])
        set = add_attribute(set, "keyshortcuts", TU_A11Y_NODE(o)->keys);
    return set;
}

static void node_drop_kids(TuA11yNode *n);

static void node_finalize(GObject *g)
{
    TuA11yNode *n = TU_A11Y_NODE(g);
    node_drop_kids(n);
    g_ptr_array_unref(n->kids);
    G_OBJECT_CLASS(tu_a11y_node_parent_class)->finalize(g);
}

static void tu_a11y_node_class_init(TuA11yNodeClass *klass)
{
    AtkObjectClass *ac = ATK_OBJECT_CLASS(klass);
    ac->get_n_children = node_n_children;
    ac->ref_child = node_ref_child;
    ac->get_index_in_parent = node_index_in_parent;
    ac->ref_state_set = node_ref_state_set;
    ac->get_attributes = node_attributes;
    G_OBJECT_CLASS(klass)->finalize = node_finalize;
}

static void tu_a11y_node_init(TuA11yNode *n)
{
    n->kids = g_ptr_array_new();
}

static void node_extents(AtkComponent *c, gint *x, gint *y, gint *w, gint *h, AtkCoordType coords)
{
    TuA11yNode *n = TU_A11Y_NODE(c);
    float s = n->owner && n->owner->px_scale > 0 ? n->owner->px_scale : 1.0f;
    *x = (gint)((float)n->rect.x / s);
    *y = (gint)((float)n->rect.y / s);
    *w = (gint)((float)n->rect.w / s);
    *h = (gint)((float)n->rect.h / s);
    if (coords == ATK_XY_SCREEN && n->owner)
        *x += n->owner->win_x, *y += n->owner->win_y;
}

static void node_component_init(AtkComponentIface *iface)
{
    iface->get_extents = node_extents;
}

static void tu_a11y_window_class_init(TuA11yWindowClass *klass)
{
    (void)klass;
}

static void tu_a11y_window_init(TuA11yWindow *w)
{
    (void)w;
}

static void window_iface_init(AtkWindowIface *iface)
{
    (void)iface; /* AtkWindow has only signals */
}

static TuA11yNode *node_make(GType type, tu_a11y *owner, AtkRole role, const char *id)
{
    TuA11yNode *n = g_object_new(type, NULL);
    atk_object_initialize(ATK_OBJECT(n), NULL);
    atk_object_set_role(ATK_OBJECT(n), role);
    if (id && id[0])
        atk_object_set_accessible_id(ATK_OBJECT(n), id);
    n->owner = owner;
    n->fresh = 1;
    return n;
}

/* Takes n out of its holder's kids, telling the bus; drops the holder's reference. */
static void node_detach(TuA11yNode *n)
{
    TuA11yNode *h = n->holder;
    if (!h)
        return;
    guint i = (guint)n->index;
    if (i >= h->kids->len || g_ptr_array_index(h->kids, i) != n) {
        for (i = 0; i < h->kids->len && g_ptr_array_index(h->kids, i) != n; i++)
            ;
        if (i == h->kids->len)
            return;
    }
    g_ptr_array_remove_index(h->kids, i);
    n->holder = NULL;
    g_signal_emit_by_name(h, "children-changed::remove", i, n);
    for (guint k = i; k < h->kids->len; k++)
        TU_A11Y_NODE(g_ptr_array_index(h->kids, k))->index = (int)k;
    /* an AtkObject holds a reference to its parent: break the cycle */
    ATK_OBJECT(n)->accessible_parent = NULL;
    g_object_unref(h);
    g_object_unref(n);
}

static void node_drop_kids(TuA11yNode *n)
{
    while (n->kids->len > 0)
        node_detach(TU_A11Y_NODE(g_ptr_array_index(n->kids, n->kids->len - 1)));
}

/* Makes h's kids equal `want` (in order), keeping the longest run of kids already there in the
 * same order, and telling the bus each removal and addition with the right index. */
static void sync_kids(TuA11yNode *h, GPtrArray *want)
{
    for (guint i = 0; i < want->len; i++)
        TU_A11Y_NODE(g_ptr_array_index(want, i))->kept = 0;
    int next = 0;
    for (guint i = 0; i < want->len; i++) {
        TuA11yNode *n = g_ptr_array_index(want, i);
        if (n->holder == h && n->index >= next) {
            n->kept = 1;
            next = n->index + 1;
        }
    }
    for (guint k = h->kids->len; k-- > 0;) {
        TuA11yNode *n = g_ptr_array_index(h->kids, k);
        if (!n->kept)
            node_detach(n);
    }
    for (guint i = 0; i < want->len; i++) {
        TuA11yNode *n = g_ptr_array_index(want, i);
        if (n->kept)
            continue;
        node_detach(n); /* from another holder */
        g_object_ref(n);
        g_ptr_array_insert(h->kids, (gint)i, n);
        n->holder = h;
        atk_object_set_parent(ATK_OBJECT(n), ATK_OBJECT(h));
        for (guint k = i; k < h->kids->len; k++)
            TU_A11Y_NODE(g_ptr_array_index(h->kids, k))->index = (int)k;
        g_signal_emit_by_name(h, "children-changed::add", i, n);
    }
}

/* --- from records to roles and states ----------------------------------------------- */

#define BIT(s) (UINT64_C(1) << (s))

static AtkRole role_of(const tu_record *r)
{
    switch (r->kind) {
    case TU_W_LABEL:
    case TU_W_PARAGRAPH:
        if (r->state & TU_ST_ALERT)
            return ATK_ROLE_NOTIFICATION;
        return r->state & TU_ST_HEADING ? ATK_ROLE_HEADING : ATK_ROLE_LABEL;
    case TU_W_BUTTON:
        return ATK_ROLE_PUSH_BUTTON;
    case TU_W_OPTION:
    case TU_W_RADIO:
        return ATK_ROLE_RADIO_BUTTON;
    case TU_W_CHECKBOX:
        return ATK_ROLE_CHECK_BOX;
    case TU_W_SLIDER:
        return ATK_ROLE_SLIDER;
    case TU_W_TEXTFIELD:
        return r->state & TU_ST_SECRET ? ATK_ROLE_PASSWORD_TEXT : ATK_ROLE_ENTRY;
    case TU_W_PROGRESS:
        return ATK_ROLE_PROGRESS_BAR;
    case TU_W_DIALOG:
        return ATK_ROLE_DIALOG;
    case TU_W_CHART:
        return ATK_ROLE_CHART;
    case TU_W_CARD:
    case TU_W_SCROLL:
        break;
    }
    return ATK_ROLE_PANEL;
}

static uint64_t states_of(const tu_record *r, int blocked)
{
    uint64_t s = BIT(ATK_STATE_VISIBLE) | BIT(ATK_STATE_ENABLED);
    if (!blocked)
        s |= BIT(ATK_STATE_SENSITIVE);
    int x0 = r->rect.x > r->clip.x ? r->rect.x : r->clip.x;
    int y0 = r->rect.y > r->clip.y ? r->rect.y : r->clip.y;
    int x1 = r->rect.x + r->rect.w < r->clip.x + r->clip.w ? r->rect.x + r->rect.w
                                                           : r->clip.x + r->clip.w;
    int y1 = r->rect.y + r->rect.h < r->clip.y + r->clip.h ? r->rect.y + r->rect.h
                                                           : r->clip.y + r->clip.h;
    if (r->clip.w == 0 || (x1 > x0 && y1 > y0))
        s |= BIT(ATK_STATE_SHOWING);
    if (r->focusable && !blocked)
        s |= BIT(ATK_STATE_FOCUSABLE);
    if ((r->state & TU_ST_FOCUS) && !blocked)
        s |= BIT(ATK_STATE_FOCUSED);
    if (r->kind == TU_W_OPTION || r->kind == TU_W_RADIO || r->kind == TU_W_CHECKBOX) {
        s |= BIT(ATK_STATE_CHECKABLE);
        if (r->state & TU_ST_SELECTED)
            s |= BIT(ATK_STATE_CHECKED);
    }
    if (r->kind == TU_W_TEXTFIELD)
        s |= BIT(ATK_STATE_EDITABLE) | BIT(ATK_STATE_SINGLE_LINE);
    if (r->kind == TU_W_DIALOG)
        s |= BIT(ATK_STATE_MODAL);
    if (r->kind == TU_W_PARAGRAPH)
        s |= BIT(ATK_STATE_MULTI_LINE);
    return s;
}

/* The states worth an event when they change on an object the reader already knows. */
static const AtkStateType told_states[] = {
    ATK_STATE_SHOWING,   ATK_STATE_SENSITIVE, ATK_STATE_ENABLED,
    ATK_STATE_FOCUSABLE, ATK_STATE_CHECKED,   ATK_STATE_FOCUSED,
};

static void tell_states(TuA11yNode *n, int focus_pass)
{
    for (size_t i = 0; i < sizeof told_states / sizeof told_states[0]; i++) {
        AtkStateType s = told_states[i];
        int now = (n->states & BIT(s)) != 0, was = (n->told & BIT(s)) != 0;
        if (now == was)
            continue;
        /* focus: first every loss, then the one gain (focus_pass 1) */
        if (s == ATK_STATE_FOCUSED && (focus_pass == 0) != (now == 0))
            continue;
        if (s != ATK_STATE_FOCUSED && focus_pass)
            continue;
        atk_object_notify_state_change(ATK_OBJECT(n), s, now);
        n->told = now ? n->told | BIT(s) : n->told & ~BIT(s);
    }
}

static void set_name(TuA11yNode *n, const char *name, int *changed)
{
    const char *old = ATK_OBJECT(n)->name;
    if (old && strcmp(old, name) == 0)
        return;
    atk_object_set_name(ATK_OBJECT(n), name);
    *changed = 1;
}

static void announce(TuA11yNode *n)
{
    const char *text = ATK_OBJECT(n)->name;
    if (!text || !text[0])
        return;
    /* ATK 2.46 has the signal (atk-bridge sends it as object:announcement) but not yet the
     * atk_object_announce() call of later versions. */
    if (g_signal_lookup("announcement", ATK_TYPE_OBJECT))
        g_signal_emit_by_name(n, "announcement", text);
}

void tu_a11y_update(tu_a11y *a, const tu_a11y_frame *f)
{
    if (!a || !f || !f->ui)
        return;
    const tu_ctx *ui = f->ui;
    a->stamp++;
    a->win_x = f->win_x, a->win_y = f->win_y;
    a->px_scale = f->px_scale;
    int dummy = 0;
    set_name(a->window, f->title ? f->title : "Trinn", &dummy);
    a->window->rect = (tu_rect){0, 0, ui->width, ui->height};

    int dialog_open = 0;
    for (size_t i = 0; i < ui->n_recs; i++)
        dialog_open |= ui->recs[i].kind == TU_W_DIALOG;

    GPtrArray *top = g_ptr_array_new(), *inner = g_ptr_array_new();
    GHashTable *seen_ids = g_hash_table_new(g_str_hash, g_str_equal);
    TuA11yNode *dialog = NULL, *last = NULL;
    int dialog_alert = 0;
    const char *dialog_title = NULL;
    for (size_t i = 0; i < ui->n_recs; i++) {
        const tu_record *r = &ui->recs[i];
        if (r->kind == TU_W_SCROLL || r->kind == TU_W_CARD)
            continue;
        if ((r->kind == TU_W_LABEL || r->kind == TU_W_PARAGRAPH) && !r->label[0])
            continue;
        if (r->state & TU_ST_KEYCAP) { /* the key cap drawn on an answer: its shortcut */
            if (last)
                snprintf(last->keys, sizeof last->keys, "%s", r->label);
            continue;
        }
        const char *id = r->id[0] ? r->id : tu_kind_name(r->kind);
        int occ = GPOINTER_TO_INT(g_hash_table_lookup(seen_ids, id));
        g_hash_table_insert(seen_ids, (gpointer)id, GINT_TO_POINTER(occ + 1));
        char key[160];
        snprintf(key, sizeof key, "%016llx/%d/%s/%d", (unsigned long long)f->view, r->layer, id,
                 occ);
        TuA11yNode *n = g_hash_table_lookup(a->nodes, key);
        if (!n) {
            n = node_make(tu_a11y_node_get_type(), a, role_of(r), r->id);
            g_hash_table_insert(a->nodes, g_strdup(key), n);
        }
        int changed = 0;
        set_name(n, r->label, &changed);
        AtkRole role = role_of(r);
        if (n != dialog && atk_object_get_role(ATK_OBJECT(n)) != role && r->kind != TU_W_DIALOG)
            atk_object_set_role(ATK_OBJECT(n), role);
        n->keys[0] = 0;
        last = n;
        n->states = states_of(r, dialog_open && r->layer == 0);
        n->rect = r->rect;
        n->seen = a->stamp;
        int alert = (r->state & TU_ST_ALERT) != 0;
        if (alert && (n->fresh || changed || !n->alert))
            n->alert = 2; /* announce below, once it is in the tree */
        else
            n->alert = alert;
        if (r->kind == TU_W_DIALOG) {
            dialog = n;
            g_ptr_array_add(top, n);
        } else if (r->layer == 1 && dialog) {
            g_ptr_array_add(inner, n);
            dialog_alert |= alert;
            if (!dialog_title && (r->state & TU_ST_HEADING))
                dialog_title = r->label;
        } else {
            g_ptr_array_add(top, n);
        }
    }
    g_hash_table_destroy(seen_ids);
    if (dialog) {
        int changed = 0;
        set_name(dialog, dialog_title ? dialog_title : "", &changed);
        AtkRole role = dialog_alert ? ATK_ROLE_ALERT : ATK_ROLE_DIALOG;
        if (atk_object_get_role(ATK_OBJECT(dialog)) != role)
            atk_object_set_role(ATK_OBJECT(dialog), role);
    }
    sync_kids(a->window, top);
    if (dialog)
        sync_kids(dialog, inner);
    g_ptr_array_unref(top);
    g_ptr_array_unref(inner);

    /* objects no longer shown leave the tree (a dialog takes its kids with it) */
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, a->nodes);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        TuA11yNode *n = v;
        if (n->seen == a->stamp)
            continue;
        node_drop_kids(n);
        node_detach(n);
        g_hash_table_iter_remove(&it);
    }
    if (!a->activated) {
        g_signal_emit_by_name(a->window, "activate");
        a->activated = 1;
    }
    /* states: new objects are read as they are (only their focus is news), known ones tell
     * their changes; focus leaves before it arrives */
    for (int pass = 0; pass < 2; pass++) {
        g_hash_table_iter_init(&it, a->nodes);
        while (g_hash_table_iter_next(&it, &k, &v)) {
            TuA11yNode *n = v;
            if (n->fresh && pass == 0)
                n->told = n->states & ~BIT(ATK_STATE_FOCUSED);
            tell_states(n, pass);
        }
    }
    g_hash_table_iter_init(&it, a->nodes);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        TuA11yNode *n = v;
        n->fresh = 0;
        if (n->alert == 2) {
            announce(n);
            n->alert = 1;
        }
    }
}

/* --- AtkUtil: the root and the bridge's listeners ----------------------------------- */

static AtkObject *util_root(void)
{
    return the_a11y ? ATK_OBJECT(the_a11y->root) : NULL;
}

static const gchar *util_toolkit_name(void)
{
    return "Trinn";
}

static const gchar *util_toolkit_version(void)
{
    return "1";
}

/* "Toolkit:Type:signal" (e.g. "Gtk:AtkObject:state-change") becomes an emission hook on the
 * type's signal, as GTK and Clutter do. The old "window:create" form is refused (0), so the
 * bridge asks for AtkWindow's signals instead. */
static guint util_add_listener(GSignalEmissionHook listener, const gchar *event_type)
{
    if (!the_a11y)
        return 0;
    gchar **part = g_strsplit(event_type, ":", 3);
    guint id = 0;
    if (g_strv_length(part) == 3) {
        GType type = g_type_from_name(part[1]);
        gpointer klass = NULL;
        if (type && G_TYPE_IS_INTERFACE(type))
            klass = g_type_default_interface_ref(type);
        else if (type && G_TYPE_IS_CLASSED(type))
            klass = g_type_class_ref(type);
        guint sig = klass ? g_signal_lookup(part[2], type) : 0;
        if (sig) {
            hook h = {++the_a11y->next_hook, sig,
                      g_signal_add_emission_hook(sig, 0, listener, NULL, NULL)};
            g_array_append_val(the_a11y->hooks, h);
            id = h.id;
        }
        if (klass && G_TYPE_IS_INTERFACE(type))
            g_type_default_interface_unref(klass);
        else if (klass)
            g_type_class_unref(klass);
    }
    g_strfreev(part);
    return id;
}

static void util_remove_listener(guint id)
{
    if (!the_a11y)
        return;
    for (guint i = 0; i < the_a11y->hooks->len; i++) {
        hook *h = &g_array_index(the_a11y->hooks, hook, i);
        if (h->id == id) {
            g_signal_remove_emission_hook(h->signal, h->hook);
            g_array_remove_index(the_a11y->hooks, i);
            return;
        }
    }
}

/* --- the wake thread ----------------------------------------------------------------- */

static int wake_main(void *data)
{
    tu_a11y *a = data;
    SDL_LockMutex(a->lock);
    while (!a->quit) {
        if (!a->armed) {
            SDL_CondWait(a->cond, a->lock);
            continue;
        }
        struct pollfd fds[MAX_FDS + 1];
        int n = a->n_fds, timeout = a->timeout;
        memcpy(fds, a->fds, (size_t)n * sizeof fds[0]);
        fds[n] = (struct pollfd){.fd = a->pipe[0], .events = POLLIN};
        SDL_UnlockMutex(a->lock);
        int rc = poll(fds, (nfds_t)n + 1, timeout);
        SDL_LockMutex(a->lock);
        if (fds[n].revents & POLLIN) {
            char buf[64];
            while (read(a->pipe[0], buf, sizeof buf) > 0)
                ;
            continue; /* rearmed or quitting */
        }
        if (rc < 0 && errno == EINTR)
            continue;
        /* the bus has something (or a GLib timeout is due): the SDL loop iterates */
        a->armed = 0;
        SDL_Event e = {0};
        e.type = a->wake_type;
        SDL_PushEvent(&e);
    }
    SDL_UnlockMutex(a->lock);
    return 0;
}

void tu_a11y_iterate(tu_a11y *a)
{
    if (!a)
        return;
    if (!g_main_context_acquire(a->main))
        return;
    GPollFD gfds[MAX_FDS];
    int n = 0, timeout = -1;
    /* a few rounds: dispatching may queue more (a reply, then the next request) */
    for (int round = 0; round < 8; round++) {
        gint prio = 0;
        g_main_context_prepare(a->main, &prio);
        n = g_main_context_query(a->main, prio, &timeout, gfds, MAX_FDS);
        if (n > MAX_FDS)
            n = MAX_FDS;
        struct pollfd pfds[MAX_FDS];
        for (int i = 0; i < n; i++)
            pfds[i] = (struct pollfd){.fd = gfds[i].fd, .events = (short)gfds[i].events};
        if (n > 0 && poll(pfds, (nfds_t)n, 0) < 0)
            n = 0;
        int any = 0;
        for (int i = 0; i < n; i++) {
            gfds[i].revents = (gushort)pfds[i].revents;
            any |= pfds[i].revents != 0;
        }
        int ready = g_main_context_check(a->main, prio, gfds, n);
        if (ready)
            g_main_context_dispatch(a->main);
        if (!ready && !any)
            break;
    }
    g_main_context_release(a->main);
    SDL_LockMutex(a->lock);
    a->n_fds = n;
    for (int i = 0; i < n; i++)
        a->fds[i] = (struct pollfd){.fd = gfds[i].fd, .events = (short)gfds[i].events};
    a->timeout = timeout;
    a->armed = 1;
    SDL_CondSignal(a->cond);
    SDL_UnlockMutex(a->lock);
    char c = 1;
    if (write(a->pipe[1], &c, 1) < 0) {
        /* the pipe is full: the thread has a wake-up waiting already */
    }
}

/* --- start and stop ------------------------------------------------------------------ */

int tu_a11y_built(void)
{
    return 1;
}

int tu_a11y_start(tu_a11y **out, const char *app_name, uint32_t wake_type, char *msg, size_t size)
{
    *out = NULL;
    if (the_a11y) {
        snprintf(msg, size, "the accessibility bridge is already running");
        return -1;
    }
    const char *no = getenv("NO_AT_BRIDGE");
    if (no && strcmp(no, "1") == 0) {
        snprintf(msg, size, "NO_AT_BRIDGE=1: not on the accessibility bus");
        return -1;
    }
    /* Without a session bus (or an accessibility bus named outright, or X11, where at-spi
     * leaves its address on the root window) there is nothing to join; asking would make
     * libdbus try to start one. */
    if (!getenv("DBUS_SESSION_BUS_ADDRESS") && !getenv("AT_SPI_BUS_ADDRESS") &&
        !getenv("DISPLAY")) {
        snprintf(msg, size, "no session bus (DBUS_SESSION_BUS_ADDRESS is not set)");
        return -1;
    }
    tu_a11y *a = calloc(1, sizeof *a);
    if (!a) {
        snprintf(msg, size, "out of memory");
        return -1;
    }
    a->pipe[0] = a->pipe[1] = -1;
    a->wake_type = wake_type;
    a->px_scale = 1;
    a->main = g_main_context_default();
    a->hooks = g_array_new(FALSE, TRUE, sizeof(hook));
    a->nodes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
    a->root = node_make(tu_a11y_node_get_type(), a, ATK_ROLE_APPLICATION, NULL);
    atk_object_set_name(ATK_OBJECT(a->root), app_name);
    a->window = node_make(tu_a11y_window_get_type(), a, ATK_ROLE_FRAME, "window");
    a->window->fresh = 0;
    a->window->states = a->window->told = BIT(ATK_STATE_ACTIVE) | BIT(ATK_STATE_VISIBLE) |
                                          BIT(ATK_STATE_SHOWING) | BIT(ATK_STATE_ENABLED) |
                                          BIT(ATK_STATE_SENSITIVE) | BIT(ATK_STATE_RESIZABLE);
    atk_object_set_name(ATK_OBJECT(a->window), app_name);
    g_object_ref(a->window);
    g_ptr_array_add(a->root->kids, a->window);
    a->window->holder = a->root;
    atk_object_set_parent(ATK_OBJECT(a->window), ATK_OBJECT(a->root));
    the_a11y = a;
    static int util_done;
    if (!util_done) {
        AtkUtilClass *uc = g_type_class_ref(ATK_TYPE_UTIL); /* kept for the process */
        uc->get_root = util_root;
        uc->get_toolkit_name = util_toolkit_name;
        uc->get_toolkit_version = util_toolkit_version;
        uc->add_global_event_listener = util_add_listener;
        uc->remove_global_event_listener = util_remove_listener;
        util_done = 1;
    }
    if (atk_bridge_adaptor_init(NULL, NULL) != 0) {
        snprintf(msg, size, "no accessibility bus (at-spi) answered");
        goto fail;
    }
    if (pipe(a->pipe) != 0) {
        snprintf(msg, size, "pipe: %s", strerror(errno));
        goto fail_bridge;
    }
    for (int i = 0; i < 2; i++)
        fcntl(a->pipe[i], F_SETFL, O_NONBLOCK), fcntl(a->pipe[i], F_SETFD, FD_CLOEXEC);
    a->lock = SDL_CreateMutex();
    a->cond = SDL_CreateCond();
    if (!a->lock || !a->cond || !(a->thread = SDL_CreateThread(wake_main, "trinn-a11y", a))) {
        snprintf(msg, size, "could not start the accessibility thread: %s", SDL_GetError());
        goto fail_bridge;
    }
    *out = a;
    tu_a11y_iterate(a);
    return 0;
fail_bridge:
    atk_bridge_adaptor_cleanup();
fail:
    tu_a11y_stop(a);
    return -1;
}

void tu_a11y_stop(tu_a11y *a)
{
    if (!a)
        return;
    if (a->thread) {
        SDL_LockMutex(a->lock);
        a->quit = 1;
        SDL_CondSignal(a->cond);
        SDL_UnlockMutex(a->lock);
        char c = 1;
        if (write(a->pipe[1], &c, 1) < 0) {
            /* full: a wake-up is waiting already */
        }
        SDL_WaitThread(a->thread, NULL);
        atk_bridge_adaptor_cleanup();
    }
    if (a->cond)
        SDL_DestroyCond(a->cond);
    if (a->lock)
        SDL_DestroyMutex(a->lock);
    for (int i = 0; i < 2; i++)
        if (a->pipe[i] >= 0)
            close(a->pipe[i]);
    if (a->window) {
        node_drop_kids(a->window);
        node_detach(a->window);
        g_object_unref(a->window);
    }
    if (a->nodes)
        g_hash_table_destroy(a->nodes);
    if (a->root)
        g_object_unref(a->root);
    if (a->hooks) {
        for (guint i = 0; i < a->hooks->len; i++) {
            hook *h = &g_array_index(a->hooks, hook, i);
            g_signal_remove_emission_hook(h->signal, h->hook);
        }
        g_array_free(a->hooks, TRUE);
    }
    if (the_a11y == a)
        the_a11y = NULL;
    free(a);
}

#endif
