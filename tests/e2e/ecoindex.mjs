// The EcoIndex of a page (cnumr/GreenIT): a score from 0 to 100 and a grade from A to G, from
// the number of DOM elements, of requests and the kilobytes transferred. Formula and quantiles
// as published by the EcoIndex project (PyPI package ecoindex-compute 5.10.0, module
// ecoindex.compute and ecoindex.data).
const quantilesDom = [0, 47, 75, 159, 233, 298, 358, 417, 476, 537, 603, 674, 753, 843, 949, 1076, 1237, 1459, 1801, 2479, 594601];
const quantilesReq = [0, 2, 15, 25, 34, 42, 49, 56, 63, 70, 78, 86, 95, 105, 117, 130, 147, 170, 205, 281, 3920];
const quantilesSize = [0, 1.37, 144.7, 319.53, 479.46, 631.97, 783.38, 937.91, 1098.62, 1265.47, 1448.32, 1648.27,
  1876.08, 2142.06, 2465.37, 2866.31, 3401.59, 4155.73, 5400.08, 8037.54, 223212.26];
const grades = [["A", 80], ["B", 70], ["C", 55], ["D", 40], ["E", 25], ["F", 10]];

function quantile(quantiles, value) {
  for (let i = 1; i < quantiles.length; i++) {
    if (value < quantiles[i]) return i - 1 + (value - quantiles[i - 1]) / (quantiles[i] - quantiles[i - 1]);
  }
  return quantiles.length - 1;
}

/** The EcoIndex score and grade of a page with `dom` elements, `requests` requests and `kb` kilobytes. */
export function ecoindex(dom, requests, kb) {
  const score = Math.round(100 - (5 * (3 * quantile(quantilesDom, dom) + 2 * quantile(quantilesReq, requests) + quantile(quantilesSize, kb))) / 6);
  const grade = grades.find(([, floor]) => score > floor)?.[0] ?? "G";
  return { score, grade };
}
