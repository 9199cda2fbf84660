;; One SIMD pass over a value that finds what value-hints.ts would otherwise find with a cluster
;; regex, a letter-digit regex, a probe for long tokens and a dozen indexOf scans: digit clusters,
;; long tokens, the places where an IBAN may begin, and the marks. Compiled into value-scan-wasm.ts
;; by scripts/build-wasm.mjs; value-hints.ts holds the JavaScript it must agree with (the tests
;; compare the two on random strings).
;;
;; The value sits in memory as UTF-16 code units, so offsets are the string's. The vector code
;; narrows 16 units at a time to bytes (i8x16.narrow_i16x8_u: units above 255 become 255 or 0,
;; neither of which is looked for) and finds candidates; whatever needs more than one character
;; to decide is checked again on the code units themselves.
;;
;; Memory layout (bytes):
;;   0..39    header written by $scan (ten i32, below)
;;   40..63   zeros, never written: reads before the value's start see 0, as codeAt's "outside"
;;   64..     the value, 2 bytes per code unit, then 64 zero bytes written by $scan
;;   then     clusters ([start, end, digits, dots] i32 quadruples), pair offsets (i32), long
;;            tokens ([start, end] i32 pairs)
;; The caller grows memory to at least 64 + 6n + 256 bytes before writing n code units.
;;
;; Header: 0 marks (MARK_* bits), 4 fourDigits (0/1), 8 longRun, 12 dotRun, 16 cluster ints,
;;         20 their byte offset, 24 pairs, 28 their byte offset, 32 long-token ints, 36 their byte offset.
(module
  (memory (export "memory") 1)

  ;; Code unit at index $i (a few units outside the value read the zeros around it).
  (func $ch (param $i i32) (result i32)
    (i32.load16_u (i32.add (i32.const 64) (i32.shl (local.get $i) (i32.const 1)))))

  ;; Code unit at $i with ASCII letters lower-cased (value-hints.ts lowerAt).
  (func $lower (param $i i32) (result i32)
    (i32.or (call $ch (local.get $i)) (i32.const 32)))

  ;; A token character: `[A-Za-z0-9_+/-]`.
  (func $token (param $c i32) (result i32)
    (i32.or (i32.or
        (i32.lt_u (i32.sub (i32.or (local.get $c) (i32.const 32)) (i32.const 97)) (i32.const 26))
        (i32.lt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 10)))
      (i32.or
        (i32.or (i32.eq (local.get $c) (i32.const 95)) (i32.eq (local.get $c) (i32.const 43)))
        (i32.or (i32.eq (local.get $c) (i32.const 47)) (i32.eq (local.get $c) (i32.const 45))))))

  ;; True when units [$start, $end) hold a digit or one of `_+/-`.
  (func $anchored (param $start i32) (param $end i32) (result i32)
    (local $c i32)
    (block $no
      (loop $each
        (br_if $no (i32.ge_s (local.get $start) (local.get $end)))
        (local.set $c (call $ch (local.get $start)))
        (if (i32.or (i32.or
              (i32.lt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 10))
              (i32.eq (local.get $c) (i32.const 95)))
            (i32.or (i32.eq (local.get $c) (i32.const 43))
              (i32.or (i32.eq (local.get $c) (i32.const 47)) (i32.eq (local.get $c) (i32.const 45)))))
          (then (return (i32.const 1))))
        (local.set $start (i32.add (local.get $start) (i32.const 1)))
        (br $each)))
    (i32.const 0))

  ;; value-hints.ts birthWordAtB.
  (func $birthAtB (param $at i32) (result i32)
    (local $next i32) (local $before i32)
    (local.set $next (call $lower (i32.add (local.get $at) (i32.const 1))))
    (if (i32.eq (local.get $next) (i32.const 105))
      (then (return (i32.and (i32.and
        (i32.eq (call $lower (i32.add (local.get $at) (i32.const 2))) (i32.const 114))
        (i32.eq (call $lower (i32.add (local.get $at) (i32.const 3))) (i32.const 116)))
        (i32.eq (call $lower (i32.add (local.get $at) (i32.const 4))) (i32.const 104))))))
    (if (i32.and (i32.eq (local.get $next) (i32.const 111)) (i32.and
          (i32.eq (call $lower (i32.add (local.get $at) (i32.const 2))) (i32.const 114))
          (i32.eq (call $lower (i32.add (local.get $at) (i32.const 3))) (i32.const 110))))
      (then (return (i32.const 1))))
    (if (i32.and (i32.eq (local.get $next) (i32.const 100)) (i32.and
          (i32.eq (call $lower (i32.add (local.get $at) (i32.const 2))) (i32.const 97))
          (i32.eq (call $lower (i32.add (local.get $at) (i32.const 3))) (i32.const 121))))
      (then (return (i32.const 1))))
    (if (i32.and (i32.and
          (i32.eq (call $ch (i32.add (local.get $at) (i32.const 1))) (i32.const 45))
          (i32.eq (call $lower (i32.add (local.get $at) (i32.const 2))) (i32.const 100)))
        (i32.and
          (i32.eq (call $lower (i32.add (local.get $at) (i32.const 3))) (i32.const 97))
          (i32.eq (call $lower (i32.add (local.get $at) (i32.const 4))) (i32.const 121))))
      (then (return (i32.const 1))))
    (local.set $before (call $lower (i32.sub (local.get $at) (i32.const 1))))
    (if (i32.and (i32.eq (local.get $before) (i32.const 111))
          (i32.eq (call $lower (i32.sub (local.get $at) (i32.const 2))) (i32.const 100)))
      (then (return (i32.const 1))))
    (if (i32.and (i32.eq (local.get $before) (i32.const 101))
          (i32.eq (call $lower (i32.sub (local.get $at) (i32.const 2))) (i32.const 103)))
      (then (return (i32.const 1))))
    (i32.and (i32.and
        (i32.eq (call $ch (i32.sub (local.get $at) (i32.const 1))) (i32.const 46))
        (i32.eq (call $lower (i32.sub (local.get $at) (i32.const 2))) (i32.const 111)))
      (i32.and
        (i32.eq (call $ch (i32.sub (local.get $at) (i32.const 3))) (i32.const 46))
        (i32.eq (call $lower (i32.sub (local.get $at) (i32.const 4))) (i32.const 100)))))

  ;; value-hints.ts neeAt.
  (func $neeAt (param $at i32) (result i32)
    (if (i32.ne (call $lower (i32.sub (local.get $at) (i32.const 1))) (i32.const 110))
      (then (return (i32.const 0))))
    (if (i32.eq (call $lower (i32.add (local.get $at) (i32.const 1))) (i32.const 101))
      (then (return (i32.const 1))))
    (i32.and (i32.eq (call $ch (i32.add (local.get $at) (i32.const 1))) (i32.const 32))
      (i32.and
        (i32.eq (call $lower (i32.add (local.get $at) (i32.const 2))) (i32.const 108))
        (i32.eq (call $lower (i32.add (local.get $at) (i32.const 3))) (i32.const 101)))))

  ;; `www.` or `WWW.` at $i.
  (func $wwwAt (param $i i32) (result i32)
    (local $w i32)
    (local.set $w (call $ch (local.get $i)))
    (i32.and (i32.and
        (i32.or (i32.eq (local.get $w) (i32.const 119)) (i32.eq (local.get $w) (i32.const 87)))
        (i32.eq (call $ch (i32.add (local.get $i) (i32.const 3))) (i32.const 46)))
      (i32.and
        (i32.eq (call $ch (i32.add (local.get $i) (i32.const 1))) (local.get $w))
        (i32.eq (call $ch (i32.add (local.get $i) (i32.const 2))) (local.get $w)))))

  ;; `AKIA` or `ASIA` at $i.
  (func $awsAt (param $i i32) (result i32)
    (local $k i32)
    (local.set $k (call $ch (i32.add (local.get $i) (i32.const 1))))
    (i32.and (i32.and
        (i32.eq (call $ch (local.get $i)) (i32.const 65))
        (i32.or (i32.eq (local.get $k) (i32.const 75)) (i32.eq (local.get $k) (i32.const 83))))
      (i32.and
        (i32.eq (call $ch (i32.add (local.get $i) (i32.const 2))) (i32.const 73))
        (i32.eq (call $ch (i32.add (local.get $i) (i32.const 3))) (i32.const 65)))))

  ;; `-----BEGIN` with its last `-` at $i.
  (func $pemAt (param $i i32) (result i32)
    (i32.and (i32.and (i32.and
          (i32.and (i32.eq (call $ch (i32.sub (local.get $i) (i32.const 4))) (i32.const 45))
                   (i32.eq (call $ch (i32.sub (local.get $i) (i32.const 3))) (i32.const 45)))
          (i32.and (i32.eq (call $ch (i32.sub (local.get $i) (i32.const 2))) (i32.const 45))
                   (i32.eq (call $ch (i32.sub (local.get $i) (i32.const 1))) (i32.const 45))))
        (i32.and (i32.eq (call $ch (local.get $i)) (i32.const 45))
                 (i32.eq (call $ch (i32.add (local.get $i) (i32.const 1))) (i32.const 66))))
      (i32.and (i32.and
          (i32.eq (call $ch (i32.add (local.get $i) (i32.const 2))) (i32.const 69))
          (i32.eq (call $ch (i32.add (local.get $i) (i32.const 3))) (i32.const 71)))
        (i32.and
          (i32.eq (call $ch (i32.add (local.get $i) (i32.const 4))) (i32.const 73))
          (i32.eq (call $ch (i32.add (local.get $i) (i32.const 5))) (i32.const 78))))))

  ;; Scans the $n code units at byte 64 and writes the header.
  (func (export "scan") (param $n i32)
    (local $i i32) (local $p i32) (local $end i32)
    (local $c v128) (local $cn v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local $lc v128) (local $lc1 v128) (local $d0 v128) (local $d1 v128) (local $d2 v128) (local $db v128) (local $dbb v128) (local $dp v128) (local $j0 v128) (local $j1 v128) (local $jb v128) (local $jp v128) (local $b1 v128) (local $colonV v128)
    (local $at v128) (local $colon v128) (local $eq v128) (local $scheme v128)
    (local $www i32) (local $aws i32) (local $pem i32) (local $birth i32) (local $cp v128) (local $cb v128) (local $lb v128)
    (local $m i32) (local $s i32) (local $r i32) (local $k i32) (local $j i32) (local $x i32)
    (local $cend i32) (local $open i32) (local $md i32) (local $mc i32) (local $mdot i32) (local $cstart i32) (local $cdig i32) (local $cdots i32)
    (local $four i32) (local $longRun i32) (local $dotRun i32)
    (local $l0 v128) (local $mt i32) (local $tp i32) (local $tend i32) (local $ts i32) (local $tokens i32) (local $tw i32) (local $clusters i32) (local $cw i32) (local $pairs i32) (local $pw i32) (local $marks i32)
    (local.set $end (i32.add (i32.const 64) (i32.shl (local.get $n) (i32.const 1))))
    (v128.store (local.get $end) (v128.const i32x4 0 0 0 0))
    (v128.store offset=16 (local.get $end) (v128.const i32x4 0 0 0 0))
    (v128.store offset=32 (local.get $end) (v128.const i32x4 0 0 0 0))
    (v128.store offset=48 (local.get $end) (v128.const i32x4 0 0 0 0))
    ;; Room for n/7 + 2 quadruples (a listed cluster spans seven units), then the pairs.
    (local.set $clusters (i32.and (i32.add (local.get $end) (i32.const 79)) (i32.const -16)))
    (local.set $pairs (i32.add (local.get $clusters)
      (i32.shl (i32.add (i32.div_u (local.get $n) (i32.const 7)) (i32.const 2)) (i32.const 4))))
    (local.set $tokens (i32.add (local.get $pairs)
      (i32.shl (i32.add (i32.shr_u (local.get $n) (i32.const 2)) (i32.const 2)) (i32.const 2))))
    (local.set $tw (local.get $tokens))
    (local.set $cw (local.get $clusters))
    (local.set $pw (local.get $pairs))
    (local.set $cn (i8x16.narrow_i16x8_u (v128.load (i32.const 64)) (v128.load (i32.const 80))))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $p (i32.add (i32.const 64) (i32.shl (local.get $i) (i32.const 1))))
        (local.set $c (local.get $cn))
        (local.set $cn (i8x16.narrow_i16x8_u (v128.load offset=32 (local.get $p)) (v128.load offset=48 (local.get $p))))
        (local.set $c1 (i8x16.shuffle 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 (local.get $c) (local.get $cn)))
        (local.set $c2 (i8x16.shuffle 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 (local.get $c) (local.get $cn)))
        (local.set $c3 (i8x16.shuffle 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 (local.get $c) (local.get $cn)))
        (local.set $lc (v128.or (local.get $c) (v128.const i8x16 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32)))
        (local.set $lc1 (v128.or (local.get $c1) (v128.const i8x16 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32)))
        ;; Marks found by one character, kept as lanes and reduced once at the end.
        (local.set $colonV (i8x16.eq (local.get $c) (v128.const i8x16 58 58 58 58 58 58 58 58 58 58 58 58 58 58 58 58)))
        (local.set $at (v128.or (local.get $at) (i8x16.eq (local.get $c) (v128.const i8x16 64 64 64 64 64 64 64 64 64 64 64 64 64 64 64 64))))
        (local.set $colon (v128.or (local.get $colon) (local.get $colonV)))
        (local.set $eq (v128.or (local.get $eq) (i8x16.eq (local.get $c) (v128.const i8x16 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61))))
        (local.set $scheme (v128.or (local.get $scheme) (v128.and (local.get $colonV)
          (v128.and (i8x16.eq (local.get $c1) (v128.const i8x16 47 47 47 47 47 47 47 47 47 47 47 47 47 47 47 47)) (i8x16.eq (local.get $c2) (v128.const i8x16 47 47 47 47 47 47 47 47 47 47 47 47 47 47 47 47))))))
        ;; Rare candidates, each checked on the code units: `www.` in any case, `A..A`, `-B`.
        (local.set $m (i8x16.bitmask (v128.or
          (v128.and
            (v128.and (i8x16.eq (local.get $lc) (v128.const i8x16 119 119 119 119 119 119 119 119 119 119 119 119 119 119 119 119)) (i8x16.eq (local.get $lc1) (v128.const i8x16 119 119 119 119 119 119 119 119 119 119 119 119 119 119 119 119)))
            (v128.and (i8x16.eq (v128.or (local.get $c2) (v128.const i8x16 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32)) (v128.const i8x16 119 119 119 119 119 119 119 119 119 119 119 119 119 119 119 119)) (i8x16.eq (local.get $c3) (v128.const i8x16 46 46 46 46 46 46 46 46 46 46 46 46 46 46 46 46))))
          (v128.or
            (v128.and (i8x16.eq (local.get $c) (v128.const i8x16 65 65 65 65 65 65 65 65 65 65 65 65 65 65 65 65)) (i8x16.eq (local.get $c3) (v128.const i8x16 65 65 65 65 65 65 65 65 65 65 65 65 65 65 65 65)))
            (v128.and (i8x16.eq (local.get $c) (v128.const i8x16 45 45 45 45 45 45 45 45 45 45 45 45 45 45 45 45)) (i8x16.eq (local.get $c1) (v128.const i8x16 66 66 66 66 66 66 66 66 66 66 66 66 66 66 66 66)))))))
        (block $rareDone
          (loop $rareBits
            (br_if $rareDone (i32.eqz (local.get $m)))
            (local.set $j (i32.add (local.get $i) (i32.ctz (local.get $m))))
            (if (call $wwwAt (local.get $j)) (then (local.set $www (i32.const 1))))
            (if (call $awsAt (local.get $j)) (then (local.set $aws (i32.const 1))))
            (if (call $pemAt (local.get $j)) (then (local.set $pem (i32.const 1))))
            (local.set $m (i32.and (local.get $m) (i32.sub (local.get $m) (i32.const 1))))
            (br $rareBits)))
        ;; Birth words: only a `b` with one of `i o d -` after it or `o e .` before it, and an `é`
        ;; after an `n`, can hold one; each is checked on the code units until one is found.
        (local.set $cb (i8x16.shuffle 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 (local.get $cp) (local.get $c)))
        (local.set $cp (local.get $c))
        (if (i32.and (i32.eqz (local.get $birth))
              (v128.any_true (v128.or (i8x16.eq (local.get $lc) (v128.const i8x16 98 98 98 98 98 98 98 98 98 98 98 98 98 98 98 98)) (i8x16.eq (local.get $lc) (v128.const i8x16 0xE9 0xE9 0xE9 0xE9 0xE9 0xE9 0xE9 0xE9 0xE9 0xE9 0xE9 0xE9 0xE9 0xE9 0xE9 0xE9)))))
          (then
            (local.set $lb (v128.or (local.get $cb) (v128.const i8x16 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32)))
            (local.set $m (i8x16.bitmask (v128.or
              (v128.and (i8x16.eq (local.get $lc) (v128.const i8x16 98 98 98 98 98 98 98 98 98 98 98 98 98 98 98 98))
                (v128.or (v128.or
                  (v128.or (i8x16.eq (local.get $lc1) (v128.const i8x16 105 105 105 105 105 105 105 105 105 105 105 105 105 105 105 105)) (i8x16.eq (local.get $lc1) (v128.const i8x16 111 111 111 111 111 111 111 111 111 111 111 111 111 111 111 111)))
                  (v128.or (i8x16.eq (local.get $lc1) (v128.const i8x16 100 100 100 100 100 100 100 100 100 100 100 100 100 100 100 100)) (i8x16.eq (local.get $c1) (v128.const i8x16 45 45 45 45 45 45 45 45 45 45 45 45 45 45 45 45))))
                  (v128.or
                    (v128.or (i8x16.eq (local.get $lb) (v128.const i8x16 111 111 111 111 111 111 111 111 111 111 111 111 111 111 111 111)) (i8x16.eq (local.get $lb) (v128.const i8x16 101 101 101 101 101 101 101 101 101 101 101 101 101 101 101 101)))
                    (i8x16.eq (local.get $cb) (v128.const i8x16 46 46 46 46 46 46 46 46 46 46 46 46 46 46 46 46)))))
              (v128.and (i8x16.eq (local.get $lc) (v128.const i8x16 0xE9 0xE9 0xE9 0xE9 0xE9 0xE9 0xE9 0xE9 0xE9 0xE9 0xE9 0xE9 0xE9 0xE9 0xE9 0xE9)) (i8x16.eq (local.get $lb) (v128.const i8x16 110 110 110 110 110 110 110 110 110 110 110 110 110 110 110 110))))))
            (block $birthDone
              (loop $birthBits
                (br_if $birthDone (i32.eqz (local.get $m)))
                (local.set $j (i32.add (local.get $i) (i32.ctz (local.get $m))))
                (if (if (result i32) (i32.eq (call $lower (local.get $j)) (i32.const 98))
                      (then (call $birthAtB (local.get $j)))
                      (else (call $neeAt (local.get $j))))
                  (then (local.set $birth (i32.const 1)) (br $birthDone)))
                (local.set $m (i32.and (local.get $m) (i32.sub (local.get $m) (i32.const 1))))
                (br $birthBits)))))
        ;; Two ASCII letters then two digits.
        (local.set $m (i8x16.bitmask (v128.and
          (v128.and
            (local.tee $l0 (i8x16.le_u (i8x16.sub (local.get $lc) (v128.const i8x16 97 97 97 97 97 97 97 97 97 97 97 97 97 97 97 97)) (v128.const i8x16 25 25 25 25 25 25 25 25 25 25 25 25 25 25 25 25)))
            (i8x16.le_u (i8x16.sub (local.get $lc1) (v128.const i8x16 97 97 97 97 97 97 97 97 97 97 97 97 97 97 97 97)) (v128.const i8x16 25 25 25 25 25 25 25 25 25 25 25 25 25 25 25 25)))
          (v128.and
            (local.tee $d2 (i8x16.le_u (i8x16.sub (local.get $c2) (v128.const i8x16 48 48 48 48 48 48 48 48 48 48 48 48 48 48 48 48)) (v128.const i8x16 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9)))
            (i8x16.le_u (i8x16.sub (local.get $c3) (v128.const i8x16 48 48 48 48 48 48 48 48 48 48 48 48 48 48 48 48)) (v128.const i8x16 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9))))))
        (block $pairsDone
          (loop $pairBits
            (br_if $pairsDone (i32.eqz (local.get $m)))
            (i32.store (local.get $pw) (i32.add (local.get $i) (i32.ctz (local.get $m))))
            (local.set $pw (i32.add (local.get $pw) (i32.const 4)))
            (local.set $m (i32.and (local.get $m) (i32.sub (local.get $m) (i32.const 1))))
            (br $pairBits)))
        ;; Clusters, one run of cluster characters at a time: the digits, and the joiners that bridge
        ;; two digits (one joiner between them, or two). Lanes 0 and 15 continue the blocks around.
        (local.set $d0 (i8x16.le_u (i8x16.sub (local.get $c) (v128.const i8x16 48 48 48 48 48 48 48 48 48 48 48 48 48 48 48 48)) (v128.const i8x16 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9)))
        (local.set $md (i8x16.bitmask (local.get $d0)))
        (if (local.get $md)
          (then
            (local.set $d1 (i8x16.le_u (i8x16.sub (local.get $c1) (v128.const i8x16 48 48 48 48 48 48 48 48 48 48 48 48 48 48 48 48)) (v128.const i8x16 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9)))
            (local.set $db (i8x16.shuffle 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 (local.get $dp) (local.get $d0)))
            (local.set $dbb (i8x16.shuffle 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 (local.get $dp) (local.get $d0)))
            (local.set $j0 (v128.or (i8x16.eq (local.get $c) (v128.const i8x16 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32)) (i8x16.swizzle (v128.const i8x16 0xFF 0xFF 0 0xFF 0 0xFF 0xFF 0xFF 0 0 0 0 0 0 0 0) (i8x16.sub (local.get $c) (v128.const i8x16 40 40 40 40 40 40 40 40 40 40 40 40 40 40 40 40)))))
            (local.set $j1 (v128.or (i8x16.eq (local.get $c1) (v128.const i8x16 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32)) (i8x16.swizzle (v128.const i8x16 0xFF 0xFF 0 0xFF 0 0xFF 0xFF 0xFF 0 0 0 0 0 0 0 0) (i8x16.sub (local.get $c1) (v128.const i8x16 40 40 40 40 40 40 40 40 40 40 40 40 40 40 40 40)))))
            (local.set $jb (i8x16.shuffle 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 (local.get $jp) (local.get $j0)))
            ;; A joiner between two digits, or the first or second of two between two digits.
            (local.set $b1 (v128.and (local.get $j0) (v128.and (local.get $db) (local.get $d1))))
            (local.set $mc (i8x16.bitmask (v128.or (v128.or (local.get $d0) (local.get $b1))
              (v128.and (local.get $j0) (v128.or
                (v128.and (v128.and (local.get $db) (local.get $j1)) (local.get $d2))
                (v128.and (v128.and (local.get $jb) (local.get $dbb)) (local.get $d1)))))))
            (local.set $mdot (i8x16.bitmask (v128.and (local.get $b1) (i8x16.eq (local.get $c) (v128.const i8x16 46 46 46 46 46 46 46 46 46 46 46 46 46 46 46 46)))))
            ;; An open cluster that does not go on into lane 0 ended in the block before.
            (if (i32.and (local.get $open) (i32.eqz (i32.and (local.get $mc) (i32.const 1))))
              (then
                (call $close (local.get $cstart) (local.get $cend) (local.get $cdig) (local.get $cdots) (local.get $cw))
                (local.set $cw (global.get $cw))
                (local.set $open (i32.const 0))))
            (block $runsDone
              (loop $runs
                (br_if $runsDone (i32.eqz (local.get $mc)))
                (local.set $s (i32.ctz (local.get $mc)))
                (local.set $r (i32.ctz (i32.xor (i32.shr_u (local.get $mc) (local.get $s)) (i32.const -1))))
                (local.set $x (i32.xor (i32.shl (i32.const -1) (i32.add (local.get $s) (local.get $r))) (i32.shl (i32.const -1) (local.get $s))))
                (if (local.get $open)
                  (then
                    (local.set $cdig (i32.add (local.get $cdig) (i32.popcnt (i32.and (local.get $md) (local.get $x)))))
                    (local.set $cdots (i32.add (local.get $cdots) (i32.popcnt (i32.and (local.get $mdot) (local.get $x))))))
                  (else
                    (local.set $cstart (i32.add (local.get $i) (local.get $s)))
                    (local.set $cdig (i32.popcnt (i32.and (local.get $md) (local.get $x))))
                    (local.set $cdots (i32.popcnt (i32.and (local.get $mdot) (local.get $x))))))
                (local.set $cend (i32.add (i32.add (local.get $i) (local.get $s)) (local.get $r)))
                (if (i32.eq (i32.add (local.get $s) (local.get $r)) (i32.const 16))
                  (then (local.set $open (i32.const 1)))
                  (else
                    (call $close (local.get $cstart) (local.get $cend) (local.get $cdig) (local.get $cdots) (local.get $cw))
                    (local.set $cw (global.get $cw))
                    (local.set $open (i32.const 0))))
                (local.set $mc (i32.and (local.get $mc) (i32.xor (local.get $x) (i32.const -1))))
                (br $runs))))
          (else
            (if (local.get $open)
              (then
                (call $close (local.get $cstart) (local.get $cend) (local.get $cdig) (local.get $cdots) (local.get $cw))
                (local.set $cw (global.get $cw))
                (local.set $open (i32.const 0))))
            (local.set $j0 (v128.const i32x4 0 0 0 0))))
;; Long tokens: 15 token characters in a row (`[A-Za-z0-9_+/-]`) in the 32 units that end
        ;; with this block. Each such run is walked whole on the code units, once, and listed when
        ;; it holds a digit or one of `_+/-` (value-hints.ts findLongTokens).
        (local.set $mt (i8x16.bitmask (v128.or (v128.or (local.get $l0) (local.get $d0))
          (v128.or (i8x16.eq (local.get $c) (v128.const i8x16 95 95 95 95 95 95 95 95 95 95 95 95 95 95 95 95)) (i8x16.swizzle (v128.const i8x16 0xFF 0 0xFF 0 0xFF 0 0 0 0 0 0 0 0 0 0 0) (i8x16.sub (local.get $c) (v128.const i8x16 43 43 43 43 43 43 43 43 43 43 43 43 43 43 43 43)))))))
        (local.set $x (i32.or (local.get $tp) (i32.shl (local.get $mt) (i32.const 16))))
        (local.set $tp (local.get $mt))
        (local.set $x (i32.and (local.get $x) (i32.shr_u (local.get $x) (i32.const 1))))
        (local.set $x (i32.and (local.get $x) (i32.shr_u (local.get $x) (i32.const 2))))
        (local.set $x (i32.and (local.get $x) (i32.shr_u (local.get $x) (i32.const 4))))
        (local.set $x (i32.and (local.get $x) (i32.shr_u (local.get $x) (i32.const 7))))
        (block $tokensDone
          (loop $tokenRuns
            (br_if $tokensDone (i32.eqz (local.get $x)))
            (local.set $j (i32.add (i32.sub (local.get $i) (i32.const 16)) (i32.ctz (local.get $x))))
            (if (i32.ge_s (local.get $j) (local.get $tend))
              (then
                (local.set $ts (local.get $j))
                (block $startFound
                  (loop $back
                    (br_if $startFound (i32.le_s (local.get $ts) (i32.const 0)))
                    (br_if $startFound (i32.eqz (call $token (call $ch (i32.sub (local.get $ts) (i32.const 1))))))
                    (local.set $ts (i32.sub (local.get $ts) (i32.const 1)))
                    (br $back)))
                (local.set $tend (i32.add (local.get $j) (i32.const 15)))
                (block $endFound
                  (loop $forward
                    (br_if $endFound (i32.eqz (call $token (call $ch (local.get $tend)))))
                    (local.set $tend (i32.add (local.get $tend) (i32.const 1)))
                    (br $forward)))
                (if (call $anchored (local.get $ts) (local.get $tend))
                  (then
                    (i32.store (local.get $tw) (local.get $ts))
                    (i32.store offset=4 (local.get $tw) (local.get $tend))
                    (local.set $tw (i32.add (local.get $tw) (i32.const 8)))))))
            ;; Candidates inside the run just walked are done.
            (local.set $k (i32.sub (local.get $tend) (i32.sub (local.get $i) (i32.const 16))))
            (local.set $x (if (result i32) (i32.ge_s (local.get $k) (i32.const 32))
              (then (i32.const 0))
              (else (if (result i32) (i32.le_s (local.get $k) (i32.const 0))
                (then (i32.and (local.get $x) (i32.sub (local.get $x) (i32.const 1))))
                (else (i32.and (i32.and (local.get $x) (i32.sub (local.get $x) (i32.const 1)))
                  (i32.shl (i32.const -1) (local.get $k))))))))
            (br $tokenRuns)))
        (local.set $dp (local.get $d0))
        (local.set $jp (local.get $j0))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $blocks)))
    (if (local.get $open)
      (then
        (call $close (local.get $cstart) (local.get $cend) (local.get $cdig) (local.get $cdots) (local.get $cw))
        (local.set $cw (global.get $cw))))
    (local.set $marks
      (i32.or (i32.or (i32.or
        (v128.any_true (local.get $at))
        (i32.shl (v128.any_true (local.get $colon)) (i32.const 1)))
        (i32.or
          (i32.shl (v128.any_true (local.get $eq)) (i32.const 2))
          (i32.shl (v128.any_true (local.get $scheme)) (i32.const 3))))
        (i32.or (i32.or
          (i32.shl (local.get $www) (i32.const 4))
          (i32.shl (local.get $pem) (i32.const 5)))
          (i32.shl (local.get $aws) (i32.const 6)))))
    (if (i32.and (global.get $four) (local.get $birth))
      (then (local.set $marks (i32.or (local.get $marks) (i32.const 128)))))
    (i32.store (i32.const 0) (local.get $marks))
    (i32.store (i32.const 4) (global.get $four))
    (i32.store (i32.const 8) (global.get $longRun))
    (i32.store (i32.const 12) (global.get $dotRun))
    (i32.store (i32.const 16) (i32.shr_u (i32.sub (local.get $cw) (local.get $clusters)) (i32.const 2)))
    (i32.store (i32.const 20) (local.get $clusters))
    (i32.store (i32.const 24) (i32.shr_u (i32.sub (local.get $pw) (local.get $pairs)) (i32.const 2)))
    (i32.store (i32.const 28) (local.get $pairs))
    (i32.store (i32.const 32) (i32.shr_u (i32.sub (local.get $tw) (local.get $tokens)) (i32.const 2)))
    (i32.store (i32.const 36) (local.get $tokens))
    (global.set $four (i32.const 0))
    (global.set $longRun (i32.const 0))
    (global.set $dotRun (i32.const 0)))

  ;; What the scan has found so far (reset after each scan).
  (global $four (mut i32) (i32.const 0))
  (global $longRun (mut i32) (i32.const 0))
  (global $dotRun (mut i32) (i32.const 0))
  (global $cw (mut i32) (i32.const 0))

  ;; A cluster ends: note a cluster of four digits, and list it at $cw when it has seven digits or
  ;; three single-`.` gaps (value-hints.ts findClusters). $cw moves on in the global.
  (func $close (param $start i32) (param $end i32) (param $digits i32) (param $dots i32) (param $cw i32)
    (global.set $cw (local.get $cw))
    (if (i32.lt_s (local.get $digits) (i32.const 4)) (then (return)))
    (global.set $four (i32.const 1))
    (if (i32.and (i32.lt_s (local.get $digits) (i32.const 7)) (i32.lt_s (local.get $dots) (i32.const 3))) (then (return)))
    (i32.store (local.get $cw) (local.get $start))
    (i32.store offset=4 (local.get $cw) (local.get $end))
    (i32.store offset=8 (local.get $cw) (local.get $digits))
    (i32.store offset=12 (local.get $cw) (local.get $dots))
    (global.set $cw (i32.add (local.get $cw) (i32.const 16)))
    (if (i32.gt_s (local.get $digits) (global.get $longRun)) (then (global.set $longRun (local.get $digits))))
    (if (i32.gt_s (local.get $dots) (global.get $dotRun)) (then (global.set $dotRun (local.get $dots)))))
)
