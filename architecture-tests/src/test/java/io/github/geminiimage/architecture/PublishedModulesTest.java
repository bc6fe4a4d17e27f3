package io.github.geminiimage.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What gets published stays consistent as modules come and go: the BOM lists exactly the published
 * modules, at the build's version, and the release profile keeps every other module out of the
 * upload. A module is published unless its pom sets {@code maven.deploy.skip}.
 */
class PublishedModulesTest {

    private static final Path ROOT = Path.of("..");

    private static Document read(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    /** The text of the first direct child named {@code name}, or null. */
    private static String child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }

    private static List<String> texts(Document doc, String tag) {
        NodeList nodes = doc.getElementsByTagName(tag);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getTextContent().trim());
        }
        return values;
    }

    private record Module(String artifactId, boolean published) {
    }

    private static List<Module> modules() throws Exception {
        List<Module> modules = new ArrayList<>();
        for (String name : texts(read(ROOT.resolve("pom.xml")), "module")) {
            Document pom = read(ROOT.resolve(name).resolve("pom.xml"));
            boolean skipped = texts(pom, "maven.deploy.skip").contains("true");
            modules.add(new Module(child(pom.getDocumentElement(), "artifactId"), !skipped));
        }
        return modules;
    }

    @Test
    void theBomListsEveryPublishedModuleAndNothingElse() throws Exception {
        Set<String> published = new TreeSet<>();
        for (Module m : modules()) {
            if (m.published() && !m.artifactId().equals("gemini-image-bom")) {
                published.add(m.artifactId());
            }
        }
        Document bom = read(ROOT.resolve("bom/pom.xml"));

        Set<String> managed = new TreeSet<>(texts(bom, "artifactId"));
        managed.remove("gemini-image-bom");
        assertThat(managed).as("the BOM's managed artifacts").isEqualTo(published);
    }

    @Test
    void theBomHasTheBuildsVersionAndDoesNotInheritTheParentsPins() throws Exception {
        Element parent = read(ROOT.resolve("pom.xml")).getDocumentElement();
        Element bom = read(ROOT.resolve("bom/pom.xml")).getDocumentElement();

        assertThat(child(bom, "version")).isEqualTo(child(parent, "version"));
        assertThat(child(bom, "parent")).as("a parent would import its JUnit, Yasson, HttpClient pins too").isNull();
        assertThat(child(bom, "groupId")).isEqualTo(child(parent, "groupId"));
    }

    @Test
    void theReleaseProfileKeepsEveryUnpublishedModuleOutOfTheUpload() throws Exception {
        Set<String> unpublished = new TreeSet<>();
        for (Module m : modules()) {
            if (!m.published()) {
                unpublished.add(m.artifactId());
            }
        }
        Document parent = read(ROOT.resolve("pom.xml"));
        NodeList excludes = parent.getElementsByTagName("excludeArtifacts");
        assertThat(excludes.getLength()).isEqualTo(1);
        Set<String> excluded = new TreeSet<>();
        NodeList artifacts = ((Element) excludes.item(0)).getElementsByTagName("artifact");
        for (int i = 0; i < artifacts.getLength(); i++) {
            excluded.add(artifacts.item(i).getTextContent().trim());
        }

        assertThat(excluded).isEqualTo(unpublished);
    }

    @Test
    void theLicenseIsTheApacheLicenseTheParentNames() throws IOException {
        String license = Files.readString(ROOT.resolve("LICENSE"));
        String parent = Files.readString(ROOT.resolve("pom.xml"));

        assertThat(license).contains("Apache License", "Version 2.0, January 2004", "END OF TERMS AND CONDITIONS");
        assertThat(parent).contains("<name>Apache License, Version 2.0</name>");
    }
}
