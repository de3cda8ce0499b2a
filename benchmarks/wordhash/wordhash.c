/* A prototype for benchmarks/bench_wordhash.py, not part of asrfix: the lexicon corrector's automaton pass done
 * instead by hashing each word of the text and looking it up. It answers one question: does a compiled pass of
 * the project's own read less memory per listed form than daachorse's automaton? (It does not: see
 * benchmarks/README.md, Session 11.)
 *
 * Index(words) holds the trigger words. Index.find(text) returns, for each word of ``text`` (letters, digits and
 * combining marks, apostrophes inside), (start, end, number) where the word, or the word less a final "s", "es"
 * or "'s", is trigger ``number`` (the longest first): the hits of the automaton that can make a change. Each word
 * is hashed as it is read, checked against a bit filter (16 bits a trigger, two bits set in one 64-bit word),
 * then against an open-addressing table, the word itself compared with the trigger's letters. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

typedef struct {
    uint32_t tag, number, offset, length;
} Slot;

typedef struct {
    PyObject_HEAD uint64_t *filter;
    uint64_t filter_mask;
    Slot *slots;
    uint64_t slot_mask;
    Py_UCS4 *letters;
} Index;

#define SEED 0xcbf29ce484222325ULL
#define STEP(h, c) (((h) ^ (uint64_t)(c)) * 0x100000001b3ULL)

static unsigned char ASCII_LETTER[128];

static inline uint64_t mix(uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    return h ^ (h >> 33);
}

static inline int is_letter(Py_UCS4 c) {
    if (c < 128) return ASCII_LETTER[c];
    return Py_UNICODE_ISALNUM(c) || (c >= 0x300 && c <= 0x36f) || (c >= 0x1ab0 && c <= 0x1aff) ||
           (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x20d0 && c <= 0x20ff) || (c >= 0xfe20 && c <= 0xfe2f);
}

static void Index_dealloc(Index *self) {
    PyMem_Free(self->filter);
    PyMem_Free(self->slots);
    PyMem_Free(self->letters);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *Index_new(PyTypeObject *type, PyObject *args, PyObject *kwargs) {
    PyObject *words;
    if (!PyArg_ParseTuple(args, "O!", &PyList_Type, &words)) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(words), total = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *word = PyList_GET_ITEM(words, i);
        if (!PyUnicode_Check(word)) return PyErr_Format(PyExc_TypeError, "trigger words must be str");
        total += PyUnicode_GET_LENGTH(word);
    }
    Index *self = (Index *)type->tp_alloc(type, 0);
    if (self == NULL) return NULL;
    uint64_t bits = 64, slots = 16;
    while (bits < (uint64_t)n * 16) bits <<= 1;
    while (slots < (uint64_t)n * 2) slots <<= 1;
    self->filter_mask = bits / 64 - 1;
    self->slot_mask = slots - 1;
    self->filter = PyMem_Calloc(bits / 64, sizeof(uint64_t));
    self->slots = PyMem_Calloc(slots, sizeof(Slot));
    self->letters = PyMem_Malloc((total + 1) * sizeof(Py_UCS4));
    if (!self->filter || !self->slots || !self->letters) {
        Py_DECREF(self);
        return PyErr_NoMemory();
    }
    uint32_t offset = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *word = PyList_GET_ITEM(words, i);
        int kind = PyUnicode_KIND(word);
        const void *data = PyUnicode_DATA(word);
        Py_ssize_t length = PyUnicode_GET_LENGTH(word);
        uint64_t h = SEED;
        for (Py_ssize_t j = 0; j < length; j++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, j);
            self->letters[offset + j] = c;
            h = STEP(h, c);
        }
        h = mix(h);
        self->filter[(h >> 12) & self->filter_mask] |= (1ULL << (h & 63)) | (1ULL << ((h >> 6) & 63));
        uint64_t s = (h >> 32) & self->slot_mask;
        while (self->slots[s].length) s = (s + 1) & self->slot_mask;
        self->slots[s] = (Slot){(uint32_t)h, (uint32_t)i, offset, (uint32_t)length};
        offset += (uint32_t)length;
    }
    return (PyObject *)self;
}

/* The number of the trigger text[start:start + length] is (its running hash ``h``), or -1. */
static inline long lookup(Index *self, uint64_t h, int kind, const void *text, Py_ssize_t start, Py_ssize_t length) {
    h = mix(h);
    uint64_t want = (1ULL << (h & 63)) | (1ULL << ((h >> 6) & 63));
    if ((self->filter[(h >> 12) & self->filter_mask] & want) != want) return -1;
    for (uint64_t s = (h >> 32) & self->slot_mask;; s = (s + 1) & self->slot_mask) {
        const Slot *slot = &self->slots[s];
        if (!slot->length) return -1;
        if (slot->tag == (uint32_t)h && slot->length == length) {
            const Py_UCS4 *letters = self->letters + slot->offset;
            Py_ssize_t j = 0;
            while (j < length && letters[j] == PyUnicode_READ(kind, text, start + j)) j++;
            if (j == length) return slot->number;
        }
    }
}

static PyObject *Index_find(Index *self, PyObject *text) {
    if (!PyUnicode_Check(text)) return PyErr_Format(PyExc_TypeError, "find() takes a str");
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0;
    PyObject *hits = PyList_New(0);
    if (hits == NULL) return NULL;
    while (i < n) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (!is_letter(c)) {
            i++;
            continue;
        }
        /* The word [start, i), hashed as it is read; h1 and h2 are the hashes without its last one and two. */
        Py_ssize_t start = i;
        uint64_t h = SEED, h1 = 0, h2 = 0;
        for (;;) {
            h2 = h1;
            h1 = h;
            h = STEP(h, c);
            if (++i >= n) break;
            c = PyUnicode_READ(kind, data, i);
            if (is_letter(c)) continue;
            if (c == '\'' && i + 1 < n && is_letter(PyUnicode_READ(kind, data, i + 1))) continue;
            break;
        }
        Py_ssize_t length = i - start, hit = length;
        long number = lookup(self, h, kind, data, start, length);
        if (number < 0 && length > 1 && PyUnicode_READ(kind, data, i - 1) == 's') {
            hit = length - 1;
            number = lookup(self, h1, kind, data, start, hit);
            Py_UCS4 before = length > 2 ? PyUnicode_READ(kind, data, i - 2) : 0;
            if (number < 0 && (before == 'e' || before == '\'')) {
                hit = length - 2;
                number = lookup(self, h2, kind, data, start, hit);
            }
        }
        if (number >= 0) {
            PyObject *found = Py_BuildValue("(nnl)", start, start + hit, number);
            if (found == NULL || PyList_Append(hits, found) < 0) {
                Py_XDECREF(found);
                Py_DECREF(hits);
                return NULL;
            }
            Py_DECREF(found);
        }
    }
    return hits;
}

static PyMethodDef Index_methods[] = {{"find", (PyCFunction)Index_find, METH_O, NULL}, {NULL, NULL, 0, NULL}};

static PyTypeObject IndexType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "wordhash.Index",
    .tp_basicsize = sizeof(Index),
    .tp_dealloc = (destructor)Index_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = Index_new,
    .tp_methods = Index_methods,
};

static PyModuleDef module = {PyModuleDef_HEAD_INIT, "wordhash", NULL, -1, NULL};

PyMODINIT_FUNC PyInit_wordhash(void) {
    for (int c = 0; c < 128; c++) ASCII_LETTER[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (PyType_Ready(&IndexType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) return NULL;
    Py_INCREF(&IndexType);
    if (PyModule_AddObject(m, "Index", (PyObject *)&IndexType) < 0) {
        Py_DECREF(&IndexType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
