/// The one stylesheet of Sceau's pages, the platform's and the assistant's local page alike, served by each at
/// `/static/sceau.css`. Written here: no framework, nothing fetched at run time.
public enum Stylesheet {
    public static let css = #"""
        /* Sceau — feuille de style unique. Cire (accent) et encre (texte, en-tête), gris chauds. */
        :root {
          --ink: #1f2a44; --ink-2: #2f3d60; --wax: #8a1c2b; --wax-dark: #6b1420; --wax-tint: #f7eaeb;
          --text: #1e1e1e; --muted: #57534e; --bg: #f7f5f2; --surface: #ffffff;
          --grey-50: #faf8f5; --grey-100: #efebe6; --grey-200: #ded9d2; --grey-500: #736d66;
          --link: #1c4f8a; --link-hover: #0f3560; --on-ink: #ffffff; --on-ink-muted: #cdd3e0;
          --focus: #ffbf47; --focus-ring: #1e1e1e;
          --error: #b3261e; --error-text: #8c1d18; --error-tint: #fcebea;
          --success: #1e7a3c; --success-text: #175c2d; --success-tint: #e6f3ea;
          --info: #1c4f8a; --info-text: #173f6d; --info-tint: #e7eef8;
          --warning: #b25a00; --warning-text: #6b3700; --warning-tint: #fff0db;
          --s-1: .25rem; --s-2: .5rem; --s-3: .75rem; --s-4: 1rem; --s-5: 1.5rem; --s-6: 2rem; --s-7: 3rem;
          --radius: .375rem; --max: 72rem; --measure: 40rem;
          --shadow: 0 1px 2px rgba(31, 42, 68, .08), 0 2px 10px rgba(31, 42, 68, .06);
          --font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans",
            sans-serif, "Apple Color Emoji", "Segoe UI Emoji";
          --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
        }
        /* Base */
        *, *::before, *::after { box-sizing: border-box; }
        html { font-size: 100%; -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body {
          margin: 0; font-family: var(--font); font-size: 1rem; line-height: 1.5; color: var(--text);
          background: var(--bg); overflow-wrap: break-word; min-height: 100vh; display: flex; flex-direction: column;
        }
        main { flex: 1 0 auto; display: block; }
        h1, h2, h3, h4, h5, h6 { color: var(--ink); line-height: 1.25; margin: 0 0 var(--s-3); font-weight: 700; }
        h1 { font-size: 1.75rem; } h2 { font-size: 1.375rem; margin-top: var(--s-6); } h3 { font-size: 1.125rem; }
        h4, h5, h6 { font-size: 1rem; }
        p, ul, ol, dl, table, pre, blockquote, figure { margin: 0 0 var(--s-4); }
        ul, ol { padding-left: var(--s-5); }
        li + li { margin-top: var(--s-1); }
        img, svg, video { max-width: 100%; height: auto; }
        hr { border: 0; border-top: 1px solid var(--grey-200); margin: var(--s-6) 0; }
        a { color: var(--link); text-decoration: underline; text-underline-offset: .15em; text-decoration-thickness: 1px; }
        a:hover { color: var(--link-hover); text-decoration-thickness: 2px; }
        code, kbd, samp, pre { font-family: var(--mono); font-size: .9375em; }
        pre { overflow-x: auto; padding: var(--s-3); background: var(--grey-100); border-radius: var(--radius); }
        small, .small { font-size: .875rem; }
        abbr[title] { text-decoration: underline dotted; cursor: help; }
        [hidden] { display: none !important; }
        @media (min-width: 48rem) {
          h1 { font-size: 2.25rem; } h2 { font-size: 1.625rem; } h3 { font-size: 1.25rem; }
        }
        /* Focus visible : anneau jaune et liseré sombre, lisible sur fond clair comme sur fond d'encre */
        :focus-visible, .js-focus:focus {
          outline: 3px solid var(--focus); outline-offset: 2px; box-shadow: 0 0 0 2px var(--focus-ring);
        }
        :focus:not(:focus-visible) { outline: none; }
        [tabindex="-1"]:focus { outline: 3px solid var(--focus); outline-offset: 2px; }
        main:focus, main:focus-visible { outline: none; box-shadow: none; }
        /* Utilitaires */
        .container { width: 100%; max-width: var(--max); margin: 0 auto; padding: var(--s-5) var(--s-4) var(--s-7); }
        .visually-hidden, .skip-link:not(:focus) {
          position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
          clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0;
        }
        .skip-link:focus {
          position: absolute; top: var(--s-2); left: var(--s-2); z-index: 100; padding: var(--s-2) var(--s-4);
          background: var(--surface); color: var(--ink); font-weight: 700;
        }
        .muted { color: var(--muted); }
        .lead { font-size: 1.125rem; color: var(--ink); max-width: 48rem; }
        .stack > * { margin-top: 0; margin-bottom: 0; }
        .stack > * + * { margin-top: var(--s-4); }
        .cluster, .actions { display: flex; flex-wrap: wrap; gap: var(--s-3); align-items: center; }
        .actions { margin: var(--s-4) 0; }
        .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(16rem, 100%), 1fr)); gap: var(--s-4); }
        .card--narrow { max-width: 32rem; }
        .print-only { display: none; }
        /* En-tête du site */
        .site-header { background: var(--ink); color: var(--on-ink); border-bottom: 4px solid var(--wax); }
        .site-header__inner {
          max-width: var(--max); margin: 0 auto; padding: var(--s-3) var(--s-4); display: flex; flex-wrap: wrap;
          align-items: center; gap: var(--s-3) var(--s-5);
        }
        .site-header a { color: var(--on-ink); }
        .site-header__brand {
          display: inline-flex; align-items: center; gap: var(--s-3); font-size: 1.375rem; font-weight: 800;
          letter-spacing: .02em; text-decoration: none; color: var(--on-ink);
        }
        .site-header__brand:hover { text-decoration: underline; }
        .site-header__brand::before {
          content: "S"; content: "S" / ""; flex: none; display: inline-flex; align-items: center; justify-content: center;
          width: 2.25rem; height: 2.25rem; border-radius: 52% 48% 50% 46% / 48% 52% 46% 50%; background: var(--wax);
          color: #fff; font-size: 1.125rem; font-weight: 800; font-family: Georgia, "Times New Roman", serif;
          box-shadow: inset 0 0 0 2px var(--wax-dark), inset 0 0 0 4px rgba(255, 255, 255, .35), 0 0 0 2px var(--wax);
        }
        .site-header__entity { display: flex; align-items: center; gap: var(--s-3); min-width: 0; }
        .site-header__logo {
          max-height: 48px; width: auto; background: #fff; padding: 2px 4px; border-radius: var(--radius);
        }
        .site-header__banner { font-weight: 600; }
        .site-header__user {
          margin-left: auto; display: flex; flex-wrap: wrap; align-items: center; gap: var(--s-2) var(--s-3);
          font-size: .9375rem;
        }
        .site-header .btn--link, .site-header .muted { color: var(--on-ink); }
        .assistant-status {
          font-size: .875rem; color: var(--on-ink-muted); display: flex; gap: var(--s-2); align-items: center;
        }
        /* Navigation principale */
        .main-nav { background: var(--surface); border-bottom: 1px solid var(--grey-200); }
        .main-nav ul {
          list-style: none; max-width: var(--max); margin: 0 auto; padding: 0 var(--s-2); display: flex; flex-wrap: wrap;
        }
        .main-nav li { margin: 0; }
        .main-nav a {
          display: block; padding: var(--s-3) var(--s-3) calc(var(--s-3) - 4px); color: var(--ink); text-decoration: none;
          border-bottom: 4px solid transparent; font-weight: 500;
        }
        .main-nav a:hover { border-bottom-color: var(--grey-500); color: var(--ink); }
        .main-nav a[aria-current="page"] { border-bottom-color: var(--wax); font-weight: 700; }
        /* Fil d'Ariane */
        .breadcrumb ol {
          list-style: none; padding: 0; margin: 0 0 var(--s-4); display: flex; flex-wrap: wrap; font-size: .875rem;
        }
        .breadcrumb li { margin: 0; }
        .breadcrumb li + li::before { content: "›"; content: "›" / ""; margin: 0 var(--s-2); color: var(--muted); }
        .breadcrumb [aria-current="page"] { color: var(--text); font-weight: 600; text-decoration: none; }
        /* Pied de page */
        .site-footer { background: var(--grey-100); border-top: 1px solid var(--grey-200); font-size: .875rem; }
        .site-footer { padding: var(--s-5) 0; }
        .site-footer > * { max-width: var(--max); margin-left: auto; margin-right: auto; padding: 0 var(--s-4); }
        .site-footer ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: var(--s-2) var(--s-5); }
        .site-footer li { margin: 0; }
        /* En-tête de page, cartes */
        .page-header {
          display: flex; flex-wrap: wrap; align-items: flex-end; justify-content: space-between; gap: var(--s-3) var(--s-5);
          margin-bottom: var(--s-5); padding-bottom: var(--s-4); border-bottom: 1px solid var(--grey-200);
        }
        .page-header h1 { margin: 0; flex: 1 1 20rem; }
        .page-header__meta {
          flex-basis: 100%; order: 2; color: var(--muted); margin: 0; display: flex; flex-wrap: wrap;
          gap: var(--s-2) var(--s-4);
        }
        .page-header__actions { display: flex; flex-wrap: wrap; gap: var(--s-2); }
        .card, .zone {
          background: var(--surface); border: 1px solid var(--grey-200); border-radius: var(--radius);
          box-shadow: var(--shadow); padding: var(--s-5); margin-bottom: var(--s-4); min-width: 0;
        }
        .grid > .card { margin-bottom: 0; }
        .card__title { font-size: 1.125rem; margin: 0 0 var(--s-3); }
        .card__title a { color: var(--ink); }
        .card__body > :last-child, .card > :last-child { margin-bottom: 0; }
        /* Étapes (cycle de vie) */
        .steps, .etapes { list-style: none; counter-reset: step; display: flex; padding: 0; margin: 0 0 var(--s-5); }
        .steps > li, .etapes > li {
          counter-increment: step; flex: 1 1 0; min-width: 0; position: relative; margin: 0; padding: 0 var(--s-2);
          text-align: center; font-size: .9375rem; color: var(--muted);
        }
        .steps > li::before, .etapes > li::before {
          content: counter(step); position: relative; z-index: 1; display: flex; align-items: center;
          justify-content: center;
          width: 2rem; height: 2rem; margin: 0 auto var(--s-2); border: 2px solid var(--grey-500); border-radius: 50%;
          background: var(--surface); color: var(--muted); font-weight: 700; font-size: .9375rem;
        }
        .steps > li:not(:last-child)::after, .etapes > li:not(:last-child)::after {
          content: ""; position: absolute; top: calc(1rem - 1px); left: calc(50% + 1rem); width: calc(100% - 2rem);
          height: 2px; background: var(--grey-500);
        }
        .steps > .steps__item--done { color: var(--text); }
        .steps > .steps__item--done::before {
          content: "✓"; content: "✓" / ""; background: var(--wax); border-color: var(--wax); color: #fff;
        }
        .steps > .steps__item--done:not(:last-child)::after { background: var(--wax); }
        /* .etapes (héritée) : les étapes avant l'étape courante sont faites (:has, règles à part) */
        .etapes > li:has(~ li[aria-current="step"]) { color: var(--text); }
        .etapes > li:has(~ li[aria-current="step"])::before {
          content: "✓"; content: "✓" / ""; background: var(--wax); border-color: var(--wax); color: #fff;
        }
        .etapes > li:has(~ li[aria-current="step"])::after { background: var(--wax); }
        .steps > .steps__item--current, .steps > li[aria-current="step"], .etapes > li[aria-current="step"] {
          color: var(--ink); font-weight: 700;
        }
        .steps > .steps__item--current::before, .steps > li[aria-current="step"]::before,
        .etapes > li[aria-current="step"]::before {
          border: 3px solid var(--wax); background: var(--wax-tint); color: var(--wax);
        }
        @media (max-width: 40rem) {
          .steps, .etapes { flex-direction: column; }
          .steps > li, .etapes > li { text-align: left; padding: .25rem 0 var(--s-4) 2.75rem; min-height: 3.25rem; }
          .steps > li::before, .etapes > li::before { position: absolute; left: 0; top: 0; margin: 0; }
          .steps > li:not(:last-child)::after, .etapes > li:not(:last-child)::after {
            top: 2rem; bottom: 0; left: calc(1rem - 1px); width: 2px; height: auto;
          }
        }
        /* Onglets : sans script, une liste de liens internes et tous les panneaux à la suite */
        .tabs { margin-bottom: var(--s-5); }
        .tabs__nav ul {
          list-style: none; display: flex; flex-wrap: wrap; gap: var(--s-2) var(--s-4); padding: 0; margin: 0 0 var(--s-4);
        }
        .tabs__nav li { margin: 0; }
        .tabs__panel + .tabs__panel { margin-top: var(--s-6); }
        .tabs--enhanced .tabs__nav ul { gap: 0; border-bottom: 2px solid var(--grey-200); }
        .tabs--enhanced .tabs__tab {
          display: block; padding: var(--s-3) var(--s-4) calc(var(--s-3) - 2px); margin-bottom: -2px; color: var(--ink);
          text-decoration: none; border-bottom: 4px solid transparent; font-weight: 500;
        }
        .tabs--enhanced .tabs__tab:hover { border-bottom-color: var(--grey-500); }
        .tabs--enhanced .tabs__tab[aria-selected="true"] { border-bottom-color: var(--wax); font-weight: 700; }
        .tabs--enhanced .tabs__panel { margin-top: 0; }
        .tabs--enhanced .tabs__panel:focus-visible { outline-offset: 4px; }
        /* Tableaux */
        .table-wrap {
          position: relative;
          overflow-x: auto; max-width: 100%; margin-bottom: var(--s-4); background: var(--surface);
          border: 1px solid var(--grey-200); border-radius: var(--radius);
        }
        .table-wrap--tall { max-height: 75vh; overflow-y: auto; }
        .table-wrap > .table, .table-wrap > table { margin: 0; }
        /* Graphiques SVG dessinés par le serveur (SVGChart) : largeur de la colonne, textes à 14 unités */
        .chart { margin: 0 0 var(--s-4); }
        .chart__svg {
          display: block; width: 100%; max-width: 30rem; height: auto; font-family: var(--font);
          -webkit-print-color-adjust: exact; print-color-adjust: exact;
        }
        .chart__text { font-size: 14px; fill: var(--text); }
        @media (max-width: 40rem) { .chart__text { font-size: 18px; } }
        .chart__total { font-weight: 700; }
        .table, .historique { width: 100%; border-collapse: collapse; background: var(--surface); font-size: .9375rem; }
        .table caption, .table-wrap caption {
          caption-side: top; text-align: left; padding: var(--s-3) var(--s-4); font-weight: 700; color: var(--ink);
        }
        .table th, .table td, .historique th, .historique td {
          padding: var(--s-2) var(--s-3); text-align: left; vertical-align: top; border-bottom: 1px solid var(--grey-200);
        }
        .table thead th, .historique thead th {
          position: sticky; top: 0; z-index: 1; background: var(--grey-100); color: var(--ink); font-weight: 700;
          border-bottom: 2px solid var(--grey-500); white-space: nowrap;
        }
        .table tbody tr:nth-child(even), .historique tbody tr:nth-child(even) { background: var(--grey-50); }
        .table tbody tr:hover, .historique tbody tr:hover { background: var(--wax-tint); }
        .table td.num, .table th.num, .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .th-sort {
          all: unset; box-sizing: border-box; display: inline-flex; align-items: center; gap: var(--s-1); cursor: pointer;
          font-weight: 700; color: var(--ink); border-radius: 2px;
        }
        .th-sort:focus-visible {
          outline: 3px solid var(--focus); outline-offset: 2px; box-shadow: 0 0 0 2px var(--focus-ring);
        }
        .th-sort::after { content: "↕"; content: "↕" / ""; color: var(--muted); font-size: .875em; }
        th[aria-sort="ascending"] .th-sort::after { content: "▲"; content: "▲" / ""; color: var(--wax); }
        th[aria-sort="descending"] .th-sort::after { content: "▼"; content: "▼" / ""; color: var(--wax); }
        th.num .th-sort { flex-direction: row-reverse; }
        .pagination ul {
          list-style: none; display: flex; flex-wrap: wrap; gap: var(--s-2); padding: 0; margin: 0 0 var(--s-4);
        }
        .pagination li { margin: 0; }
        .pagination a, .pagination .pagination__link {
          display: inline-flex; align-items: center; justify-content: center; min-width: 2.75rem; min-height: 2.75rem;
          padding: 0 var(--s-3); border: 1px solid var(--grey-500); border-radius: var(--radius);
          background: var(--surface);
          color: var(--ink); font: inherit; text-decoration: none; cursor: pointer;
        }
        .pagination a:hover, .pagination .pagination__link:hover { background: var(--grey-100); color: var(--ink); }
        .pagination [aria-current="page"], .pagination [aria-current="page"]:hover {
          background: var(--ink); border-color: var(--ink); color: var(--on-ink); font-weight: 700;
        }
        .pagination [aria-disabled="true"] {
          color: var(--muted); border-style: dashed; cursor: default; background: var(--grey-50);
        }
        .pagination__status { font-size: .875rem; color: var(--muted); margin: 0 0 var(--s-2); }
        .pagination__gap { align-self: center; padding: 0 var(--s-1); color: var(--muted); }
        /* Listes de description */
        /* Deux colonnes seulement quand la boîte de la liste est assez large (une carte dans une grille). */
        main, .tabs__panel, .grid > * { container-type: inline-size; }
        .summary { margin: 0 0 var(--s-5); }
        .summary dt { font-weight: 700; color: var(--ink); }
        .summary dd { margin: 0 0 var(--s-3); min-width: 0; overflow-wrap: anywhere; }
        @container (min-width: 34rem) {
          .summary { display: grid; grid-template-columns: minmax(10rem, 16rem) minmax(0, 1fr); }
          .summary dt, .summary dd { padding: var(--s-2) 0; border-bottom: 1px solid var(--grey-200); margin: 0; }
          .summary dt { padding-right: var(--s-4); }
        }
        /* Formulaires */
        .field { display: block; margin: 0 0 var(--s-5); max-width: var(--measure); }
        .field__label, .fieldset legend { display: block; font-weight: 700; color: var(--ink); margin-bottom: var(--s-1); }
        abbr.field__required { color: var(--error-text); text-decoration: none; margin-left: .15em; }
        .field__hint { display: block; font-size: .875rem; color: var(--muted); margin: 0 0 var(--s-2); }
        input, select, textarea, button { font: inherit; color: inherit; }
        input:not([type="checkbox"]):not([type="radio"]):not([type="submit"]):not([type="button"]):not([type="file"]),
        select, textarea {
          display: block; width: 100%; max-width: var(--measure); min-height: 2.75rem; padding: var(--s-2) var(--s-3);
          border: 1px solid var(--grey-500); border-bottom-width: 2px; border-radius: var(--radius);
          background: var(--surface);
          color: var(--text); line-height: 1.4;
        }
        input[type="hidden"] { display: none !important; }
        textarea { min-height: 7rem; resize: vertical; }
        input[type="file"] { display: block; max-width: 100%; padding: var(--s-2) 0; }
        input::placeholder, textarea::placeholder { color: var(--muted); opacity: 1; }
        input:disabled, select:disabled, textarea:disabled {
          background: var(--grey-100); color: var(--muted); cursor: not-allowed;
        }
        input[type="checkbox"], input[type="radio"] {
          width: 1.25rem; height: 1.25rem; margin: 0; accent-color: var(--wax); flex: none;
        }
        .field__error {
          display: block; margin: var(--s-1) 0 var(--s-2); padding-left: var(--s-3); border-left: 4px solid var(--error);
          color: var(--error-text); font-weight: 700;
        }
        .field--error { padding-left: var(--s-4); border-left: 4px solid var(--error); }
        .field--error input, .field--error select, .field--error textarea { border: 2px solid var(--error) !important; }
        .field--error .field__error { border-left: 0; padding-left: 0; }
        .fieldset { border: 0; padding: 0; margin: 0 0 var(--s-5); min-width: 0; }
        .fieldset legend { font-size: 1.125rem; padding: 0; margin-bottom: var(--s-2); }
        .choice { display: flex; align-items: center; gap: var(--s-3); min-height: 2.75rem; margin: 0; cursor: pointer; }
        .choice label { cursor: pointer; padding: var(--s-2) 0; }
        .choices--inline { display: flex; flex-wrap: wrap; gap: 0 var(--s-5); }
        .form-actions {
          display: flex; flex-wrap: wrap; gap: var(--s-3); align-items: center; margin-top: var(--s-5);
          padding-top: var(--s-4); border-top: 1px solid var(--grey-200);
        }
        .inline-form, form.inline {
          display: inline-flex; flex-wrap: wrap; align-items: center; gap: var(--s-2); margin: 0;
        }
        /* Boutons */
        .btn, button:not([class]), input[type="submit"]:not([class]), input[type="button"]:not([class]) {
          display: inline-flex; align-items: center; justify-content: center; gap: var(--s-2); min-height: 2.75rem;
          padding: var(--s-2) var(--s-4); border: 2px solid var(--wax); border-radius: var(--radius);
          background: var(--wax);
          color: #fff; font-weight: 600; line-height: 1.25; text-align: center; text-decoration: none; cursor: pointer;
          transition: background-color .15s ease, border-color .15s ease;
        }
        .btn:hover, button:not([class]):hover, input[type="submit"]:not([class]):hover {
          background: var(--wax-dark); border-color: var(--wax-dark); color: #fff;
        }
        .btn--secondary { background: var(--surface); color: var(--ink); border-color: var(--ink); }
        .btn--secondary:hover { background: var(--grey-100); color: var(--ink); border-color: var(--ink); }
        .btn--danger { background: var(--error-tint); color: var(--error-text); border-color: var(--error); }
        .btn--danger:hover { background: var(--error-text); color: #fff; border-color: var(--error-text); }
        .btn--link, .btn--link:hover {
          min-height: 0; padding: 0; border: 0; background: none; color: var(--link); font-weight: 400;
          text-decoration: underline; text-underline-offset: .15em;
        }
        .btn--link:hover { text-decoration-thickness: 2px; }
        .btn--small { min-height: 2.25rem; padding: var(--s-1) var(--s-3); font-size: .875rem; }
        .btn:disabled, .btn[aria-disabled="true"], button:disabled { opacity: .6; cursor: not-allowed; }
        /* Badges (statuts) : toujours un texte, la couleur s'y ajoute */
        .badge {
          display: inline-block; padding: .125rem var(--s-2); border: 1px solid transparent; border-radius: 999px;
          font-size: .8125rem; font-weight: 700; line-height: 1.4; white-space: nowrap; vertical-align: middle;
          background: var(--grey-100); color: #3b3834;
        }
        .badge--neutral { background: #e9e5df; color: #3b3834; }
        .badge--info { background: var(--info-tint); color: var(--info-text); border-color: #b7c9e2; }
        .badge--success { background: var(--success-tint); color: var(--success-text); border-color: #b5d9bf; }
        .badge--warning { background: var(--warning-tint); color: var(--warning-text); border-color: #f0c78f; }
        .badge--danger { background: var(--error-tint); color: var(--error-text); border-color: #efb9b5; }
        .badge--progress { background: #e4e2f4; color: #3b2f75; border-color: #c5c0e6; }
        /* Alertes */
        .alert, .erreur {
          margin: 0 0 var(--s-5); padding: var(--s-4) var(--s-4) var(--s-4) var(--s-5); border: 1px solid var(--grey-200);
          border-left: 6px solid var(--ink); border-radius: var(--radius); background: var(--surface); max-width: 56rem;
        }
        .alert > :last-child, .erreur > :last-child { margin-bottom: 0; }
        .alert__title { display: block; font-size: 1.0625rem; font-weight: 700; margin: 0 0 var(--s-2); color: var(--ink); }
        .alert--error, .erreur { border-color: #efb9b5; border-left-color: var(--error); background: var(--error-tint); }
        .alert--error .alert__title, .erreur .alert__title { color: var(--error-text); }
        .alert--success { border-color: #b5d9bf; border-left-color: var(--success); background: var(--success-tint); }
        .alert--success .alert__title { color: var(--success-text); }
        .alert--info { border-color: #b7c9e2; border-left-color: var(--info); background: var(--info-tint); }
        .alert--info .alert__title { color: var(--info-text); }
        .alert--warning { border-color: #f0c78f; border-left-color: var(--warning); background: var(--warning-tint); }
        .alert--warning .alert__title { color: var(--warning-text); }
        /* Fin de session par inactivité : l'avertissement reste visible où que l'on soit dans la page */
        .session-timeout {
          position: fixed; z-index: 50; left: var(--s-4); right: var(--s-4); bottom: var(--s-4); max-width: 36rem;
          margin: 0 auto; box-shadow: 0 4px 16px rgba(0, 0, 0, .25);
        }
        .session-timeout[hidden] { display: none; }
        .alert a:not(.btn), .erreur a:not(.btn) { color: var(--text); }
        /* Barre de progression */
        .progress {
          -webkit-appearance: none; appearance: none; display: block; width: 100%; max-width: var(--measure);
          height: .75rem; border: 1px solid var(--grey-500); border-radius: 999px; background: var(--grey-100);
          overflow: hidden; color: var(--wax);
        }
        .progress::-webkit-progress-bar { background: var(--grey-100); border-radius: 999px; }
        .progress::-webkit-progress-value { background: var(--wax); border-radius: 999px; }
        .progress::-moz-progress-bar { background: var(--wax); border-radius: 999px; }
        .progress-label { display: block; font-size: .875rem; color: var(--muted); margin: var(--s-1) 0 var(--s-3); }
        /* Boîte de dialogue */
        .dialog {
          width: min(32rem, calc(100vw - 2rem)); max-height: calc(100vh - 2rem); padding: var(--s-5); border: 0;
          border-top: 6px solid var(--wax); border-radius: var(--radius); background: var(--surface); color: var(--text);
          box-shadow: 0 10px 40px rgba(0, 0, 0, .35);
        }
        .dialog::backdrop { background: rgba(31, 42, 68, .65); }
        .dialog h2, .dialog__title { margin: 0 0 var(--s-3); font-size: 1.25rem; }
        .dialog__actions {
          display: flex; flex-wrap: wrap; gap: var(--s-3); justify-content: flex-end; margin-top: var(--s-5);
        }
        /* État vide */
        .empty-state {
          text-align: center; padding: var(--s-6) var(--s-4); margin: 0 0 var(--s-5); border: 2px dashed var(--grey-500);
          border-radius: var(--radius); background: var(--surface); color: var(--muted);
        }
        .empty-state__title { font-size: 1.125rem; font-weight: 700; color: var(--ink); margin: 0 0 var(--s-2); }
        .empty-state > :last-child { margin-bottom: 0; }
        /* Arbre des entités */
        .tree, .tree ul { list-style: none; margin: 0; padding: 0; }
        .tree ul { margin-left: var(--s-3); padding-left: var(--s-4); border-left: 2px solid var(--grey-200); }
        .tree li { position: relative; margin: 0; padding: var(--s-1) 0; }
        .tree ul > li::before {
          content: ""; position: absolute; left: calc(-1 * var(--s-4)); top: 1rem; width: var(--s-3);
          border-top: 2px solid var(--grey-200);
        }
        .tree__item { display: block; }
        .tree__type {
          margin-left: var(--s-2); font-size: .8125rem; color: var(--muted); text-transform: uppercase;
          letter-spacing: .04em;
        }
        /* Courriers et récépissés */
        .letter, .receipt, .courrier {
          background: var(--surface); max-width: 46rem; margin: 0 auto var(--s-5); padding: var(--s-6) var(--s-5);
          border: 1px solid var(--grey-200); border-radius: var(--radius); box-shadow: var(--shadow); line-height: 1.6;
        }
        .receipt { border-top: 6px solid var(--wax); }
        .receipt dl, .letter dl { margin-bottom: var(--s-4); }
        @media (min-width: 48rem) {
          .container { padding-left: var(--s-5); padding-right: var(--s-5); }
          .site-header__inner, .site-footer > * { padding-left: var(--s-5); padding-right: var(--s-5); }
          .main-nav ul { padding: 0 var(--s-3); }
          .letter, .receipt, .courrier { padding: var(--s-7) var(--s-7); }
        }
        /* Mouvement réduit */
        @media (prefers-reduced-motion: no-preference) { html { scroll-behavior: smooth; } }
        @media (prefers-reduced-motion: reduce) {
          *, *::before, *::after {
            animation-duration: .01ms !important; animation-iteration-count: 1 !important;
            transition-duration: .01ms !important; scroll-behavior: auto !important;
          }
        }
        /* Contraste forcé (Windows) : les bordures transparentes deviennent visibles */
        @media (forced-colors: active) {
          .btn, .badge, .alert, .pagination [aria-current="page"], .pagination [aria-current="page"]:hover {
            border: 1px solid CanvasText;
          }
          .main-nav a[aria-current="page"], .tabs__tab[aria-selected="true"] { border-bottom-color: Highlight; }
        }
        /* Impression : noir sur blanc, sans cadre de navigation */
        @media print {
          @page { margin: 2cm 1.8cm; }
          html, body { background: #fff !important; color: #000 !important; font-size: 11pt; display: block; }
          *, *::before, *::after { box-shadow: none !important; text-shadow: none !important; }
          .site-header, .main-nav, .breadcrumb, .site-footer, .skip-link, .no-print, .pas-imprime, .btn,
          button:not(.th-sort),
          .pagination, .tabs__nav, .form-actions, .dialog, .assistant-status, .aide-assistant, .session-timeout {
            display: none !important;
          }
          .print-only { display: block !important; }
          .container { max-width: none; padding: 0; }
          h1, h2, h3, h4, a, .muted, .lead, .field__hint, .summary dt, .card__title, .alert__title, .field__error,
          .th-sort {
            color: #000 !important;
          }
          :focus, :focus-visible { outline: none !important; }
          .th-sort { display: inline !important; }
          .th-sort::after { content: none !important; }
          h1, h2, h3 { page-break-after: avoid; break-after: avoid; }
          tr, .card, .alert, .summary dd { break-inside: avoid; }
          .chart, .chart__svg { break-inside: avoid; max-width: 16cm; }
          a { text-decoration: underline; }
          .card, .zone, .alert, .erreur, .table-wrap, .letter, .receipt, .courrier {
            background: #fff !important; border: 1px solid #000; box-shadow: none; max-width: none;
          }
          .letter, .receipt, .courrier { border: 0; margin: 0; padding: 0; }
          .table-wrap { overflow: visible; max-height: none; border: 0; }
          .table thead th { position: static; background: #fff !important; border-bottom: 2px solid #000; }
          .table tbody tr { background: #fff !important; }
          .table th, .table td { border-bottom: 1px solid #000; }
          .table tbody tr[hidden], .tabs__panel[hidden] { display: revert !important; }
          .badge { background: #fff !important; color: #000 !important; border: 1px solid #000; }
          .steps > li::before, .etapes > li::before {
            background: #fff !important; color: #000 !important; border-color: #000 !important;
          }
        }
        """#
}
