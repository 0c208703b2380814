package io.upsell.deploy.demo;

import static io.upsell.deploy.demo.DemoPages.button;
import static io.upsell.deploy.demo.DemoPages.money;
import static io.upsell.deploy.demo.DemoServer.escape;

/** The demo SaaS app's pages (bodies only): storage and learning, the plans (billing), a course. */
final class AppPages {

  String home() {
    StringBuilder storage = new StringBuilder();
    long quota = DemoCatalog.PLANS.get(0).storageGb();
    for (long used : new long[] {86, 96, 40}) {
      storage.append(button("storage", Long.toString(used), used + " of " + quota + " GB"));
    }
    return "<h1>Cloud Drive</h1><p>You are <b>" + DemoPages.APP_USER + "</b>, on the <a href=/app/billing>"
        + escape(DemoCatalog.PLANS.get(0).name()) + " plan</a>.</p><p>Storage used:</p>" + storage
        + "<p>Learning:</p>" + button("course", "course-intro", "Complete the intro course");
  }

  /** The plan ladder, the page a storage or plan prompt leads to. */
  String billing() {
    StringBuilder rows = new StringBuilder();
    for (DemoCatalog.Plan plan : DemoCatalog.PLANS) {
      rows.append("<tr><td>").append(escape(plan.name())).append(plan == DemoCatalog.PLANS.get(0) ? " (yours)" : "")
          .append("</td><td>").append(plan.storageGb() >= 1000 ? plan.storageGb() / 1000 + " TB" : plan.storageGb()
              + " GB").append("</td><td>").append(money(plan.priceMinor())).append(" / month</td></tr>");
    }
    return "<p><a href=/app>Cloud Drive</a></p><h1>Plans</h1><table><tr><th>Plan</th><th>Storage</th>"
        + "<th>Price</th></tr>" + rows + "</table>";
  }

  /** A course's page, the one a course prompt leads to. */
  String course(String courseId) {
    return "<p><a href=/app>Cloud Drive</a></p><h1>Course " + escape(courseId) + "</h1>"
        + button("course", courseId, "Complete this course");
  }
}
