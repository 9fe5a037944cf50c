"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";

type NavEntry = { href: string; label: string };

/** The portal's navigation: a sidebar on wide screens, a menu button on narrow ones; the current page is marked. */
export function MainNav({ entries, label, menuLabel }: { entries: NavEntry[]; label: string; menuLabel: string }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  // The longest matching prefix wins, so /governance/templates does not also light up /governance.
  const current = entries
    .filter((entry) => (entry.href === "/" ? pathname === "/" : pathname === entry.href || pathname.startsWith(`${entry.href}/`)))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <nav aria-label={label}>
      <button type="button" className="secondary mx-2 mb-2 lg:hidden" aria-expanded={open} aria-controls="main-nav-list" onClick={() => setOpen(!open)}>
        {menuLabel}
      </button>
      <ul id="main-nav-list" className={`nav-list ${open ? "" : "max-lg:hidden"}`}>
        {entries.map((entry) => (
          <li key={entry.href}>
            <Link href={entry.href} aria-current={entry.href === current ? "page" : undefined} onClick={() => setOpen(false)}>
              {entry.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
