import "server-only";
import PptxGenJS from "pptxgenjs";

/** Everything on the deck, already in the viewer's language: the builder only lays it out. */
export type BoardDeckContent = {
  title: string;
  subtitle: string;
  headlines: { label: string; value: string; detail: string }[];
  kpiTable: { header: string[]; rows: string[][]; title: string };
  roi: { title: string; tiles: [string, string][] };
  lists: { title: string; items: string[] }[];
  figures: { title: string; png: Buffer }[];
  methodTitle: string;
  methodNotes: string[];
  fontFace: string;
};

const ink = "1D2733";
const muted = "4F5D6C";
const brand = "0A6580";

/** A 16:9 PowerPoint deck of the one-pager: headline, KPIs, ROI, each chart as a picture, method notes. */
export async function buildBoardDeck(content: BoardDeckContent): Promise<Buffer> {
  const deck = new PptxGenJS();
  deck.layout = "LAYOUT_WIDE";
  deck.title = content.title;
  const text = { fontFace: content.fontFace, color: ink };
  const heading = (slide: PptxGenJS.Slide, title: string) => slide.addText(title, { ...text, x: 0.5, y: 0.3, w: 12.3, h: 0.6, fontSize: 24, bold: true, color: brand });

  const cover = deck.addSlide();
  heading(cover, content.title);
  cover.addText(content.subtitle, { ...text, x: 0.5, y: 0.95, w: 12.3, h: 0.4, fontSize: 12, color: muted });
  content.headlines.forEach((headline, index) => {
    const x = 0.5 + index * 6.25;
    cover.addShape(deck.ShapeType.rect, { x, y: 1.7, w: 6, h: 2.6, fill: { color: "F8FAFC" }, line: { color: "D5DCE4" } });
    cover.addText(
      [
        { text: headline.label, options: { fontSize: 14, color: muted, breakLine: true } },
        { text: headline.value, options: { fontSize: 26, bold: true, breakLine: true } },
        { text: headline.detail, options: { fontSize: 12 } },
      ],
      { ...text, x: x + 0.2, y: 1.8, w: 5.6, h: 2.4, valign: "top" },
    );
  });

  const kpis = deck.addSlide();
  heading(kpis, content.kpiTable.title);
  const header = content.kpiTable.header.map((cell) => ({ text: cell, options: { bold: true, fill: { color: "EEF2F6" } } }));
  kpis.addTable([header, ...content.kpiTable.rows.map((row) => row.map((cell) => ({ text: cell })))], { ...text, x: 0.5, y: 1.1, w: 12.3, fontSize: 10, border: { type: "solid", pt: 0.5, color: "D5DCE4" }, autoPage: true });

  const roi = deck.addSlide();
  heading(roi, content.roi.title);
  roi.addTable(content.roi.tiles.map(([label, value]) => [{ text: label, options: { color: muted } }, { text: value, options: { bold: true } }]), { ...text, x: 0.5, y: 1.1, w: 6, fontSize: 12, border: { type: "solid", pt: 0.5, color: "D5DCE4" } });
  content.lists.forEach((list, index) => {
    roi.addText([{ text: list.title, options: { bold: true, breakLine: true, fontSize: 14 } }, ...list.items.map((item) => ({ text: item, options: { bullet: true, breakLine: true, fontSize: 11 } }))], { ...text, x: 6.9, y: 1.1 + index * 2.9, w: 5.9, h: 2.7, valign: "top" });
  });

  for (const figure of content.figures) {
    const slide = deck.addSlide();
    heading(slide, figure.title);
    slide.addImage({ data: `data:image/png;base64,${figure.png.toString("base64")}`, x: 0.9, y: 1.1, w: 11.5, h: 5.9, sizing: { type: "contain", w: 11.5, h: 5.9 }, altText: figure.title });
  }

  const method = deck.addSlide();
  heading(method, content.methodTitle);
  method.addText(content.methodNotes.map((note) => ({ text: note, options: { breakLine: true, paraSpaceAfter: 8 } })), { ...text, x: 0.5, y: 1.1, w: 12.3, h: 5.8, fontSize: 12, valign: "top" });

  const data = await deck.write({ outputType: "nodebuffer" });
  return data as Buffer;
}
