/* The reference of bench/sign.sh: N raw C_Sign calls (CKM_SHA256_RSA_PKCS) in one logged-in PKCS#11
 * session, the best a signer on this token can do. Usage: raw_sign MODULE TOKEN-LABEL PIN KEY-ID-HEX N */
#include <dlfcn.h>
#include <p11-kit/pkcs11.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check(CK_RV rv, const char *what) {
    if (rv != CKR_OK) { fprintf(stderr, "%s failed: 0x%lx\n", what, (unsigned long)rv); exit(1); }
}

int main(int argc, char **argv) {
    if (argc != 6) { fprintf(stderr, "usage: %s MODULE LABEL PIN KEYID N\n", argv[0]); return 2; }
    void *module = dlopen(argv[1], RTLD_NOW);
    if (!module) { fprintf(stderr, "%s\n", dlerror()); return 1; }
    CK_C_GetFunctionList get = (CK_C_GetFunctionList)dlsym(module, "C_GetFunctionList");
    CK_FUNCTION_LIST_PTR f;
    check(get(&f), "C_GetFunctionList");
    check(f->C_Initialize(NULL), "C_Initialize");
    CK_SLOT_ID slots[64];
    CK_ULONG count = 64;
    check(f->C_GetSlotList(CK_TRUE, slots, &count), "C_GetSlotList");
    CK_SLOT_ID slot = (CK_SLOT_ID)-1;
    for (CK_ULONG i = 0; i < count; i++) {
        CK_TOKEN_INFO info;
        if (f->C_GetTokenInfo(slots[i], &info) != CKR_OK) continue;
        char label[33];
        memcpy(label, info.label, 32);
        label[32] = 0;
        for (int j = 31; j >= 0 && label[j] == ' '; j--) label[j] = 0;
        if (strcmp(label, argv[2]) == 0) { slot = slots[i]; break; }
    }
    if (slot == (CK_SLOT_ID)-1) { fprintf(stderr, "no token %s\n", argv[2]); return 1; }
    CK_SESSION_HANDLE session;
    check(f->C_OpenSession(slot, CKF_SERIAL_SESSION, NULL, NULL, &session), "C_OpenSession");
    check(f->C_Login(session, CKU_USER, (CK_UTF8CHAR_PTR)argv[3], strlen(argv[3])), "C_Login");
    unsigned char id[64];
    size_t idLength = strlen(argv[4]) / 2;
    for (size_t i = 0; i < idLength; i++) sscanf(argv[4] + 2 * i, "%2hhx", &id[i]);
    CK_OBJECT_CLASS keyClass = CKO_PRIVATE_KEY;
    CK_ATTRIBUTE template[] = {{CKA_CLASS, &keyClass, sizeof keyClass}, {CKA_ID, id, idLength}};
    check(f->C_FindObjectsInit(session, template, 2), "C_FindObjectsInit");
    CK_OBJECT_HANDLE key;
    CK_ULONG found = 0;
    check(f->C_FindObjects(session, &key, 1, &found), "C_FindObjects");
    f->C_FindObjectsFinal(session);
    if (!found) { fprintf(stderr, "no key %s\n", argv[4]); return 1; }
    int n = atoi(argv[5]);
    unsigned char data[64] = "a small file of a bidder's deposit", signature[1024];
    CK_MECHANISM mechanism = {CKM_SHA256_RSA_PKCS, NULL, 0};
    for (int i = 0; i < n; i++) {
        data[0] = (unsigned char)i;
        CK_ULONG length = sizeof signature;
        check(f->C_SignInit(session, &mechanism, key), "C_SignInit");
        check(f->C_Sign(session, data, sizeof data, signature, &length), "C_Sign");
    }
    f->C_Logout(session);
    f->C_CloseSession(session);
    f->C_Finalize(NULL);
    return 0;
}
